import type { ActionItem, Strategy } from '@quento/contracts';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react-native';
import type { ReactNode } from 'react';
import { ApiError, api } from '../../../lib/api';
import { strategyKeys } from '../../plan/queries';
import { useUpdateAction } from '../queries';

const SID = '00000000-0000-4000-8000-0000000000aa';
const AID = '00000000-0000-4000-8000-0000000000bb';
const T = '2026-12-01T10:00:00.000Z';

const action = (over: Partial<ActionItem> = {}): ActionItem => ({
  id: AID,
  strategy_id: SID,
  title: 'Write a meta description for the home page',
  description: null,
  category: 'seo',
  priority: 'high',
  impact: 'high',
  effort: 'low',
  status: 'pending',
  due_date: null,
  notes: null,
  completed_at: null,
  position: 0,
  recommendation_id: 'descriptions',
  verification: null,
  verification_status: 'unverified',
  verified_at: null,
  version: 1,
  created_at: T,
  updated_at: T,
  ...over,
});

const strategy = (a: ActionItem): Strategy => ({
  id: SID,
  analysis_id: null,
  title: 'Plan',
  summary: null,
  status: 'active',
  generated_by: 'engine',
  created_at: T,
  updated_at: T,
  progress: { total: 1, done: 0, verified: 0, flagged: 0 },
  recommendations: [],
  action_items: [a],
});

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function setup() {
  const client = new QueryClient({
    defaultOptions: {
      queries: { retry: false, gcTime: Infinity },
      mutations: { gcTime: Infinity },
    },
  });
  client.setQueryData(strategyKeys.detail(SID), strategy(action()));
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={client}>{children}</QueryClientProvider>
  );
  const hook = renderHook(() => useUpdateAction(SID), { wrapper });
  const current = () => client.getQueryData<Strategy>(strategyKeys.detail(SID))!.action_items[0]!;
  return { client, hook, current };
}

afterEach(() => jest.restoreAllMocks());

describe('useUpdateAction', () => {
  it('shows the change at once and keeps the server’s answer', async () => {
    const answer = deferred<{ action_items: ActionItem[] }>();
    const put = jest.spyOn(api, 'put').mockReturnValue(answer.promise as never);
    const { hook, current } = setup();
    act(() => hook.result.current.mutate({ id: AID, version: 1, status: 'done' }));
    await waitFor(() => expect(current().status).toBe('done'));
    expect(current().completed_at).not.toBeNull();
    expect(put).toHaveBeenCalledWith(
      `/strategy/${SID}/actions`,
      expect.objectContaining({
        body: { actions: [{ id: AID, version: 1, status: 'done' }] },
      }),
    );
    await act(async () => {
      answer.resolve({ action_items: [action({ status: 'done', version: 2, completed_at: T })] });
    });
    await waitFor(() => expect(current().version).toBe(2));
    expect(current().status).toBe('done');
  });

  it('rolls back on a 409 version conflict and shows the newer version from the server', async () => {
    const answer = deferred<{ action_items: ActionItem[] }>();
    jest.spyOn(api, 'put').mockReturnValue(answer.promise as never);
    const newer = action({ status: 'in_progress', notes: 'Started on the laptop', version: 3 });
    const { hook, current } = setup();
    act(() => hook.result.current.mutate({ id: AID, version: 1, status: 'done' }));
    await waitFor(() => expect(current().status).toBe('done'));
    await act(async () => {
      answer.reject(
        new ApiError('VERSION_CONFLICT', 'Another device changed these action items', 409, {
          current: [newer],
        }),
      );
    });
    await waitFor(() => expect(hook.result.current.isError).toBe(true));
    expect(current()).toEqual(newer);
  });

  it('restores the previous state when the save fails for another reason', async () => {
    jest
      .spyOn(api, 'put')
      .mockRejectedValue(new ApiError('NETWORK_ERROR', 'Cannot reach Quento', null));
    const { hook, current } = setup();
    act(() => hook.result.current.mutate({ id: AID, version: 1, notes: 'Call the designer' }));
    await waitFor(() => expect(hook.result.current.isError).toBe(true));
    expect(current()).toEqual(action());
  });
});
