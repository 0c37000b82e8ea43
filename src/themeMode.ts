/**
 * Light or dark: the dark theme is the `theme-dark` class on <html> (src/embed/embed.css defines
 * its colours). An embed sets it from `theme=dark`; the full page follows the system's
 * prefers-color-scheme, live. Canvas pictures (the heatmaps) cannot be recoloured by CSS, so
 * they read the mode here and repaint when it changes.
 */
import { useSyncExternalStore } from 'react';

/** The class on <html> that turns the dark theme on. */
export const DARK_CLASS = 'theme-dark';

/** Keep `root`'s dark class in step with the media query `media` (the system's colour scheme); returns a stop function. */
export function followSystemTheme(root: HTMLElement, media: MediaQueryList): () => void {
  const apply = (): void => {
    root.classList.toggle(DARK_CLASS, media.matches);
  };
  apply();
  media.addEventListener('change', apply);
  return () => media.removeEventListener('change', apply);
}

/** True when the page shows the dark theme now. */
export function isDarkTheme(root: HTMLElement = document.documentElement): boolean {
  return root.classList.contains(DARK_CLASS);
}

function subscribe(onChange: () => void): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['class'] });
  return () => observer.disconnect();
}

/** Whether the page shows the dark theme, re-rendering the caller when it switches. */
export function useDarkTheme(): boolean {
  return useSyncExternalStore(subscribe, () => isDarkTheme(), () => false);
}
