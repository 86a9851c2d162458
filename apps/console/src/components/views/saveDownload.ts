import type { Download } from '../../features/ports';

/** Saves a fetched file through a temporary Blob link (the request needed a bearer header). */
export function saveDownload(d: Download): void {
  const url = URL.createObjectURL(d.blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = d.filename;
  a.hidden = true;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Let the download start before the URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
