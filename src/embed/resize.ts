/**
 * An embed tells its host page how tall its content is, so the host can size the iframe to it
 * (public/embed.js does; README shows the few lines a page needs otherwise):
 * `parent.postMessage({ type: 'bn-explorer:resize', height }, '*')` on start and whenever the
 * content's height changes (a ResizeObserver on <html> and <body>), at most once per animation
 * frame, only inside a frame (window.parent !== window), never a height that is not a finite number.
 * The message holds nothing but the height, so any origin may read it.
 */

/** The message's `type`. */
export const RESIZE_MESSAGE_TYPE = 'bn-explorer:resize';

/** What the poster needs from the page (tests pass fakes). */
export interface ResizePosterDeps {
  /** The embed's window: `parent` to post to, `requestAnimationFrame` to batch the changes of a frame. */
  window: Pick<Window, 'parent' | 'requestAnimationFrame' | 'cancelAnimationFrame' | 'setTimeout' | 'clearTimeout' | 'addEventListener' | 'removeEventListener'>;
  /** Elements whose size changes mean the height may have changed (<html> and <body>). */
  targets: readonly Element[];
  /** The content's height in px. */
  measure: () => number;
  /** The ResizeObserver constructor; undefined where there is none (then only load and start post). */
  ResizeObserver: typeof ResizeObserver | undefined;
}

/** A frame that never comes (a hidden or throttled iframe) must not hold a height back for long (ms). */
const FRAME_FALLBACK_MS = 250;

/** The content height of `doc`: its <html> box, or more when something overflows <body>. */
export function contentHeight(doc: Document): number {
  const html = doc.documentElement.getBoundingClientRect().height;
  const body = doc.body ? doc.body.scrollHeight : 0;
  return Math.ceil(Math.max(html, body));
}

/** Start posting the content's height to the parent; returns the function that stops it. Does nothing when not in a frame. */
export function postHeightToParent(deps: ResizePosterDeps): () => void {
  const win = deps.window;
  const parent = win.parent as Window | null;
  if (!parent || parent === (win as unknown)) return () => {};
  let last: number | null = null;
  let frame: number | null = null;
  let timer: number | null = null;
  let stopped = false;

  const flush = (): void => {
    if (frame !== null) win.cancelAnimationFrame(frame);
    if (timer !== null) win.clearTimeout(timer);
    frame = null;
    timer = null;
    if (stopped) return;
    const height = deps.measure();
    if (typeof height !== 'number' || !Number.isFinite(height) || height < 0 || height === last) return;
    last = height;
    parent.postMessage({ type: RESIZE_MESSAGE_TYPE, height }, '*');
  };
  const schedule = (): void => {
    if (stopped || frame !== null || timer !== null) return;
    frame = win.requestAnimationFrame(flush);
    timer = win.setTimeout(flush, FRAME_FALLBACK_MS);
  };

  const observer = deps.ResizeObserver ? new deps.ResizeObserver(() => schedule()) : null;
  for (const target of deps.targets) observer?.observe(target);
  // Fonts and images change the height after the first layout; 'load' covers the page's own.
  win.addEventListener('load', schedule);
  schedule();
  return () => {
    stopped = true;
    observer?.disconnect();
    win.removeEventListener('load', schedule);
    if (frame !== null) win.cancelAnimationFrame(frame);
    if (timer !== null) win.clearTimeout(timer);
  };
}
