/**
 * The service worker that keeps the app working offline after its first load (classrooms with bad
 * Wi-Fi). The build (vite.config.ts, plugin `bn-explorer-sw`) compiles this file to `sw.js` at the
 * root of the app and defines PRECACHE (every file of the build: index.html, JS, CSS, the worker
 * chunks, data/mnist.bin) and CACHE_VERSION (a hash of them), so a new build installs a new cache.
 *
 * Policy: the app's page (index.html, with any query) is network-first with the cached copy as
 * fallback, and after NETWORK_TIMEOUT_MS of a hanging network; every other precached file is
 * cache-first (hashed names; mnist.bin is versioned by the cache name). Anything else in scope,
 * such as a host page beside an embed, passes through untouched. The worker does not claim open
 * pages: it serves the next visit, so a first visit behaves exactly as without it.
 *
 * Typed against the DOM lib (the app's tsconfig) with the few service-worker types it needs.
 */

declare const PRECACHE: readonly string[];
declare const CACHE_VERSION: string;

interface ExtendableEventLike extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEventLike extends ExtendableEventLike {
  readonly request: Request;
  respondWith(response: Promise<Response>): void;
}
interface ServiceWorkerScopeLike {
  readonly location: Location;
  skipWaiting(): Promise<void>;
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEventLike) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEventLike) => void): void;
}

const sw = self as unknown as ServiceWorkerScopeLike;
const CACHE_PREFIX = 'bn-explorer-';
const CACHE_NAME = `${CACHE_PREFIX}${CACHE_VERSION}`;
/** A classroom network that hangs: after this long, the cached page is served. */
const NETWORK_TIMEOUT_MS = 4000;

const base = new URL('./', sw.location.href);
const pageUrl = new URL('index.html', base).href;
const precached = new Set(PRECACHE.map((path) => new URL(path, base).href));

sw.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE_NAME);
    // 'no-cache' revalidates with the server (a cheap 304 for what the first load just fetched).
    await cache.addAll([...precached].map((url) => new Request(url, { cache: 'no-cache' })));
    await sw.skipWaiting();
  })());
});

sw.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names.filter((name) => name.startsWith(CACHE_PREFIX) && name !== CACHE_NAME).map((name) => caches.delete(name)));
  })());
});

sw.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  url.search = '';
  url.hash = '';
  if (request.mode === 'navigate' && (url.href === base.href || url.href === pageUrl)) {
    event.respondWith(networkFirstPage(request));
  } else if (precached.has(url.href)) {
    event.respondWith(cacheFirst(request, url.href));
  }
});

async function cacheFirst(request: Request, key: string): Promise<Response> {
  const cache = await caches.open(CACHE_NAME);
  return (await cache.match(key)) ?? fetch(request);
}

/** The page from the network (and into the cache); the cached page if the network fails or hangs. */
async function networkFirstPage(request: Request): Promise<Response> {
  const cache = await caches.open(CACHE_NAME);
  const network = fetch(request).then(async (response) => {
    if (response.ok) await cache.put(pageUrl, response.clone());
    return response;
  });
  // Once the cache has answered, a late network failure is of no interest.
  network.catch(() => undefined);
  const timeout = new Promise<null>((done) => setTimeout(() => done(null), NETWORK_TIMEOUT_MS));
  try {
    const first = await Promise.race([network, timeout]);
    if (first) return first;
    return (await cache.match(pageUrl)) ?? (await network);
  } catch (error) {
    const cached = await cache.match(pageUrl);
    if (cached) return cached;
    throw error;
  }
}
