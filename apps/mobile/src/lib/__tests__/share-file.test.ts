import { shareFile } from '../share-file';

const mockDownload = jest.fn();
const mockShare = jest.fn();
const mockAvailable = jest.fn();

jest.mock('expo-file-system', () => {
  class File {
    uri: string;
    constructor(dir: { uri: string }, name: string) {
      this.uri = `${dir.uri}/${name}`;
    }
    static downloadFileAsync = (...args: unknown[]) => mockDownload(...args);
  }
  return { File, Paths: { cache: { uri: 'file:///cache' } } };
});
jest.mock('expo-sharing', () => ({
  isAvailableAsync: () => mockAvailable(),
  shareAsync: (...args: unknown[]) => mockShare(...args),
}));

const link = {
  url: 'https://files.quento.test/users/u/exports/x.pdf?X-Amz-Signature=abc',
  name: 'growth-plan.pdf',
  type: 'application/pdf',
};

beforeEach(() => {
  mockDownload.mockReset().mockImplementation(async (_url: string, to: { uri: string }) => to);
  mockShare.mockReset().mockResolvedValue(undefined);
  mockAvailable.mockReset().mockResolvedValue(true);
});

describe('shareFile on a device', () => {
  it('downloads the link into the cache under the file’s name, then opens the share sheet', async () => {
    await shareFile(link);
    expect(mockDownload).toHaveBeenCalledWith(
      link.url,
      expect.objectContaining({ uri: 'file:///cache/growth-plan.pdf' }),
      { idempotent: true },
    );
    expect(mockShare).toHaveBeenCalledWith('file:///cache/growth-plan.pdf', {
      mimeType: 'application/pdf',
      dialogTitle: 'growth-plan.pdf',
    });
  });

  it('says so, and downloads nothing, where the device cannot share', async () => {
    mockAvailable.mockResolvedValue(false);
    await expect(shareFile(link)).rejects.toThrow('Sharing is not available');
    expect(mockDownload).not.toHaveBeenCalled();
  });
});
