import { File, Paths } from 'expo-file-system';
import * as Sharing from 'expo-sharing';

export interface SharedFile {
  bytes: Uint8Array;
  name: string;
  type: string;
}

/** Devices: writes the file to the cache and opens the platform's share sheet for it. */
export async function shareFile({ bytes, name, type }: SharedFile): Promise<void> {
  const file = new File(Paths.cache, name);
  file.create({ overwrite: true });
  file.write(bytes);
  if (!(await Sharing.isAvailableAsync())) {
    throw new Error('Sharing is not available on this device');
  }
  await Sharing.shareAsync(file.uri, { mimeType: type, dialogTitle: name });
}
