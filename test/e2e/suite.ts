/** One served app and one Chromium per e2e file: started before its tests, closed after. */
import { afterAll, beforeAll, expect } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, serveDist } from './harness.ts';
import type { PageWatch } from './harness.ts';

/** What a suite's tests use; filled in by beforeAll. */
export interface AppUnderTest {
  /** Base URL of the served dist/. */
  url: string;
  browser: Browser;
  /** Take the app's host off the network (true) or back (false): see ServedDist.setDown. */
  setServerDown: (down: boolean) => void;
  /** Requests the host dropped while it was down. */
  refusedRequests: () => number;
}

/** Serve dist/ and launch Chromium for the tests of the calling file. */
export function useServedApp(): AppUnderTest {
  const app = {} as AppUnderTest;
  let close: (() => Promise<void>) | null = null;
  beforeAll(async () => {
    const server = await serveDist();
    close = server.close;
    app.url = server.url;
    app.setServerDown = server.setDown;
    app.refusedRequests = server.refused;
    app.browser = await launchBrowser();
  });
  afterAll(async () => {
    await app.browser?.close();
    await close?.();
  });
  return app;
}

/** The page threw nothing, logged no console error and sent no request off its origin. */
export function expectCleanPage(watch: PageWatch): void {
  expect(watch.pageErrors).toEqual([]);
  expect(watch.consoleErrors).toEqual([]);
  expect(watch.foreignRequests).toEqual([]);
}
