import type { FileAtLink } from './share-file';

/**
 * The web: the browser downloads the link. The file comes with `Content-Disposition: attachment`
 * (from the API, or from the bucket for S3 links), so the page stays where it is.
 */
export async function shareFile({ url, name }: FileAtLink): Promise<void> {
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
}
