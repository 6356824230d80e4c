import type { SharedFile } from './share-file';

/** The web: the file becomes a download through an object URL and a temporary link. */
export async function shareFile({ bytes, name, type }: SharedFile): Promise<void> {
  const blob = new Blob([bytes as BlobPart], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Give the browser a moment to start the download before the URL is released.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
