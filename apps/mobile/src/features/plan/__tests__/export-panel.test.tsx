import type { StrategyExport } from '@quento/contracts';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor } from '@testing-library/react-native';
import { api } from '../../../lib/api';
import { ApiError } from '../../../lib/api/api-error';
import { shareFile } from '../../../lib/share-file';
import { ExportPanel } from '../export-panel';

jest.mock('../../../lib/share-file', () => ({ shareFile: jest.fn(async () => undefined) }));

const SID = '00000000-0000-4000-8000-0000000000aa';
const link: StrategyExport = {
  url: `http://192.168.1.5:8000/api/v1/files/users/u/exports/e.pdf?expires=1&signature=s`,
  expires_at: '2026-12-01T10:15:00.000Z',
  file_name: 'growth-plan-for-rise-example.pdf',
  content_type: 'application/pdf',
  size: 48_213,
};

function renderPanel() {
  const client = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <ExportPanel strategyId={SID} />
    </QueryClientProvider>,
  );
}

afterEach(() => {
  jest.restoreAllMocks();
  jest.mocked(shareFile).mockClear();
});

describe('ExportPanel', () => {
  it('asks the API for the file, then hands its link to the share sheet or the download', async () => {
    const post = jest.spyOn(api, 'post').mockResolvedValue(link as never);
    renderPanel();
    fireEvent.press(screen.getByRole('button', { name: 'Export as PDF' }));
    expect(await screen.findByText(`Ready: ${link.file_name}`)).toBeTruthy();
    expect(post).toHaveBeenCalledWith(
      `/strategy/${SID}/export`,
      expect.objectContaining({ body: { format: 'pdf' } }),
    );
    expect(shareFile).toHaveBeenCalledWith({
      url: link.url,
      name: link.file_name,
      type: 'application/pdf',
    });
  });

  it('shows why an export failed, and shares nothing', async () => {
    jest
      .spyOn(api, 'post')
      .mockRejectedValue(new ApiError('SERVICE_UNAVAILABLE', 'The file store is unavailable', 503));
    renderPanel();
    fireEvent.press(screen.getByRole('button', { name: 'Export as a spreadsheet (CSV)' }));
    await waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent(
        'Quento is briefly unavailable. Please try again in a moment.',
      ),
    );
    expect(shareFile).not.toHaveBeenCalled();
  });
});
