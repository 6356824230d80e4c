import type { AnalysisStatusResponse } from '@quento/contracts';
import { act, renderHook, waitFor } from '@testing-library/react-native';
import { api } from '../../../lib/api';
import { useAnalysisProgress } from '../use-analysis-progress';

const ID = '00000000-0000-4000-8000-000000000001';

/** A stand-in for the browser WebSocket: the test opens, feeds and drops it. */
class FakeSocket {
  static all: FakeSocket[] = [];
  readyState = 0;
  onopen: (() => void) | null = null;
  onmessage: ((m: { data: string }) => void) | null = null;
  onclose: ((e: { code: number }) => void) | null = null;
  closed: number | null = null;
  constructor(
    readonly url: string,
    readonly protocols: string[],
  ) {
    FakeSocket.all.push(this);
  }
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
  send(event: unknown) {
    this.onmessage?.({ data: JSON.stringify(event) });
  }
  drop(code: number) {
    this.readyState = 3;
    this.onclose?.({ code });
  }
  close(code: number) {
    this.closed = code;
    this.readyState = 3;
  }
}

const status = (over: Partial<AnalysisStatusResponse>): AnalysisStatusResponse => ({
  id: ID,
  status: 'running',
  progress: 0,
  current_step: 'crawling',
  pages_done: 0,
  pages_total: 4,
  error_message: null,
  started_at: null,
  completed_at: null,
  ...over,
});

const realWebSocket = global.WebSocket;
beforeEach(() => {
  FakeSocket.all = [];
  global.WebSocket = FakeSocket as unknown as typeof WebSocket;
  jest.spyOn(api, 'token').mockResolvedValue('tok');
});
afterEach(() => {
  global.WebSocket = realWebSocket;
  jest.restoreAllMocks();
  jest.useRealTimers();
});

describe('useAnalysisProgress', () => {
  it('follows the socket, polls while it is down, reconnects and ends on the result', async () => {
    jest.useFakeTimers();
    const polls: AnalysisStatusResponse[] = [status({ progress: 50, pages_done: 2 })];
    const get = jest.spyOn(api, 'get').mockImplementation(async () => polls[0] as never);
    const finished = jest.fn();
    const { result, unmount } = renderHook(() => useAnalysisProgress(ID, finished));

    await waitFor(() => expect(FakeSocket.all).toHaveLength(1));
    const first = FakeSocket.all[0]!;
    expect(first.url).toMatch(new RegExp(`^ws://.*/ws/analysis/${ID}$`));
    expect(first.protocols).toEqual(['quento.v1', 'bearer.tok']);
    act(() => {
      first.open();
      first.send({
        type: 'status',
        analysis_id: ID,
        status: 'running',
        progress: 10,
        step: 'crawling',
        pages_done: 1,
        pages_total: 4,
        error_message: null,
      });
    });
    expect(result.current).toMatchObject({ transport: 'socket', progress: 10, pagesDone: 1 });

    // The connection drops: polling takes over at once.
    await act(async () => {
      first.drop(1006);
      await jest.advanceTimersByTimeAsync(0);
    });
    expect(get).toHaveBeenCalledWith(`/analysis/${ID}/status`, expect.anything());
    expect(result.current).toMatchObject({ transport: 'polling', progress: 50, pagesDone: 2 });

    // A second later it reconnects, and polling stops.
    await act(async () => {
      await jest.advanceTimersByTimeAsync(1000);
    });
    expect(FakeSocket.all).toHaveLength(2);
    const second = FakeSocket.all[1]!;
    act(() => second.open());
    expect(result.current.transport).toBe('socket');
    const pollsSoFar = get.mock.calls.length;
    await act(async () => {
      await jest.advanceTimersByTimeAsync(10_000);
    });
    expect(get.mock.calls.length).toBe(pollsSoFar);

    act(() => {
      second.send({ type: 'completed', analysis_id: ID });
      second.drop(1000);
    });
    expect(result.current).toMatchObject({ status: 'completed', progress: 100 });
    expect(finished).toHaveBeenCalledTimes(1);
    unmount();
  });

  it('refreshes the token once when the socket is refused with 4401', async () => {
    jest.useFakeTimers();
    jest.spyOn(api, 'get').mockResolvedValue(status({}) as never);
    const token = jest.spyOn(api, 'token').mockResolvedValue('tok');
    const { unmount } = renderHook(() => useAnalysisProgress(ID));
    await waitFor(() => expect(FakeSocket.all).toHaveLength(1));
    await act(async () => {
      FakeSocket.all[0]!.drop(4401);
      await jest.advanceTimersByTimeAsync(1000);
    });
    expect(token).toHaveBeenLastCalledWith('tok');
    expect(FakeSocket.all).toHaveLength(2);
    unmount();
    expect(FakeSocket.all[1]!.closed).toBe(1000);
  });
});
