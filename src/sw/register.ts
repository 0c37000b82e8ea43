/**
 * Registers the offline service worker (`sw.js`, built from src/sw/sw.ts) in production builds,
 * after the page has loaded so the install does not compete with the first load. Embeds register
 * it too: its scope is the app's folder and it answers only for the app's own files, so a host page
 * in the same folder is not touched; a cross-origin host gets a partitioned copy or none.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  // A page opened from a file share (file://) cannot have a service worker; it works online as before.
  if (window.location.protocol !== 'https:' && window.location.protocol !== 'http:') return;
  const register = (): void => {
    navigator.serviceWorker.register('./sw.js').catch((error: unknown) => {
      console.warn(`offline use is unavailable: ${error instanceof Error ? error.message : String(error)}`);
    });
  };
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
