/**
 * Browser side of exports: a download through <a download> and a blob: URL (revoked after the
 * click), and an SVG rasterised to PNG through an <img> (blob: image, allowed by the CSP's img-src)
 * drawn on a canvas. Nothing leaves the page's origin.
 */

/** Save `content` as `fileName` (a click on a temporary <a download>); the blob URL is revoked afterwards. */
export function downloadBlob(fileName: string, content: Blob): void {
  const url = URL.createObjectURL(content);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
    // The click has started the download by the next task; revoking then frees the blob.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}

/** Save text (SVG, CSV, JSON) as `fileName` with `type`. */
export function downloadText(fileName: string, text: string, type: string): void {
  downloadBlob(fileName, new Blob([text], { type }));
}

/** Load an image from `url`; rejects with a readable message. */
function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error('the browser could not draw the chart as an image'));
    image.src = url;
  });
}

/** A PNG of `svg` (`width` x `height` CSS px) at `scale` device pixels per px, on white. */
export async function svgToPng(svg: string, width: number, height: number, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = await loadImage(url);
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('this browser has no 2-D canvas to draw the PNG on');
    context.fillStyle = '#FFFFFF';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) => {
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the browser could not encode the PNG'))), 'image/png');
    });
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** A file name part from free text: lower case, letters, digits and dashes. */
export function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'run';
}
