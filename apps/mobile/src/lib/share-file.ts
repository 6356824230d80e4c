import { File, Paths } from 'expo-file-system';
import * as Sharing from 'expo-sharing';

/** A stored file the API handed out as a short-lived link (no Authorization header needed). */
export interface FileAtLink {
  url: string;
  name: string;
  type: string;
}

/** Devices: downloads the file into the cache under its name and opens the share sheet for it. */
export async function shareFile({ url, name, type }: FileAtLink): Promise<void> {
  if (!(await Sharing.isAvailableAsync())) {
    throw new Error('Sharing is not available on this device');
  }
  const file = await File.downloadFileAsync(url, new File(Paths.cache, name), { idempotent: true });
  await Sharing.shareAsync(file.uri, { mimeType: type, dialogTitle: name });
}
