import type { Message } from '@quento/contracts';
import { act, renderHook, waitFor } from '@testing-library/react-native';
import { type ChatSocketDeps, type SocketLike, useChatSocket } from '../use-chat-socket';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const SESSION = id(99);
const msg = (n: number, role: Message['role'], content: string): Message => ({
  id: id(n),
  role,
  content,
  tokens_used: null,
  interrupted: false,
  created_at: '2026-12-01T10:00:00.000Z',
});

/** A socket the test drives: it records what the hook sends and plays the server's side. */
class FakeSocket implements SocketLike {
  readyState = 0;
  sent: string[] = [];
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  constructor(
    readonly url: string,
    readonly protocols: string[],
  ) {}
  send(data: string) {
    this.sent.push(data);
  }
  close(code = 1000) {
    this.drop(code);
  }
  accept(mode: 'guided' | 'model' = 'guided') {
    this.readyState = 1;
    this.emit({ type: 'ready', session_id: SESSION, mode });
  }
  emit(event: unknown) {
    this.onmessage?.({ data: JSON.stringify(event) });
  }
  drop(code = 1006) {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.onclose?.({ code });
  }
}

function setup(history: Message[][]) {
  const sockets: FakeSocket[] = [];
  const loads: number[] = [];
  const tokens: (string | undefined)[] = [];
  let generation = 0;
  const delays: number[] = [];
  const deps: ChatSocketDeps = {
    connect: (url, protocols) => {
      const s = new FakeSocket(url, protocols);
      sockets.push(s);
      return s;
    },
    load: async () => {
      loads.push(loads.length);
      return history[Math.min(loads.length - 1, history.length - 1)]!;
    },
    token: async (stale) => {
      tokens.push(stale);
      if (stale) generation++;
      return `token-${generation}`;
    },
    url: (sid) => `ws://api.test/ws/chat/${sid}`,
    backoffMs: (attempt) => {
      delays.push(attempt);
      return 1;
    },
  };
  const hook = renderHook(() => useChatSocket(SESSION, deps));
  return { hook, sockets, loads, tokens, delays };
}

const sentContents = (s: FakeSocket) => s.sent.map((d) => JSON.parse(d).content);

describe('useChatSocket', () => {
  it('authenticates with sub-protocols and sends only after the history loaded', async () => {
    const { hook, sockets } = setup([[msg(1, 'assistant', 'What is your business called?')]]);
    await waitFor(() => expect(sockets).toHaveLength(1));
    expect(sockets[0]!.protocols).toEqual(['quento.v1', 'bearer.token-0']);
    expect(sockets[0]!.url).toBe(`ws://api.test/ws/chat/${SESSION}`);
    act(() => {
      hook.result.current.send('Rosa Bakery');
    });
    expect(sockets[0]!.sent).toEqual([]); // Not open yet: queued.
    act(() => sockets[0]!.accept());
    await waitFor(() => expect(hook.result.current.state.connection).toBe('open'));
    await waitFor(() => expect(sentContents(sockets[0]!)).toEqual(['Rosa Bakery']));
  });

  it('after a drop it reconnects with backoff and does not resend a message the server stored', async () => {
    const { hook, sockets, delays } = setup([
      [msg(1, 'assistant', 'What is your business called?')],
      [
        msg(1, 'assistant', 'What is your business called?'),
        msg(2, 'user', 'Rosa Bakery'),
        msg(3, 'assistant', 'What do you sell?'),
      ],
    ]);
    await waitFor(() => expect(sockets).toHaveLength(1));
    act(() => sockets[0]!.accept());
    await waitFor(() => expect(hook.result.current.state.connection).toBe('open'));
    act(() => {
      hook.result.current.send('Rosa Bakery');
    });
    await waitFor(() => expect(sockets[0]!.sent).toHaveLength(1));

    act(() => sockets[0]!.drop());
    expect(hook.result.current.state.connection).toBe('reconnecting');
    await waitFor(() => expect(sockets).toHaveLength(2));
    expect(delays).toEqual([0]);
    act(() => sockets[1]!.accept());
    await waitFor(() => expect(hook.result.current.state.connection).toBe('open'));
    expect(sockets[1]!.sent).toEqual([]);
    expect(hook.result.current.state.bubbles.map((b) => b.content)).toEqual([
      'What is your business called?',
      'Rosa Bakery',
      'What do you sell?',
    ]);
  });

  it('resends, once, a message the server never stored', async () => {
    const first = [msg(1, 'assistant', 'What is your business called?')];
    const { hook, sockets } = setup([first, first]);
    await waitFor(() => expect(sockets).toHaveLength(1));
    act(() => sockets[0]!.accept());
    await waitFor(() => expect(hook.result.current.state.connection).toBe('open'));
    act(() => {
      hook.result.current.send('Rosa Bakery');
    });
    await waitFor(() => expect(sockets[0]!.sent).toHaveLength(1));
    act(() => sockets[0]!.drop());
    await waitFor(() => expect(sockets).toHaveLength(2));
    act(() => sockets[1]!.accept());
    await waitFor(() => expect(sentContents(sockets[1]!)).toEqual(['Rosa Bakery']));
    act(() => {
      sockets[1]!.emit({ type: 'typing', user_message_id: id(2) });
      sockets[1]!.emit({ type: 'token', content: 'Lovely' });
      sockets[1]!.emit({
        type: 'final',
        message_id: id(3),
        content: 'Lovely. What do you sell?',
        tokens_used: 0,
        interrupted: false,
        profile_complete: false,
      });
    });
    expect(sockets[1]!.sent).toHaveLength(1);
    expect(hook.result.current.state.bubbles.filter((b) => b.role === 'user')).toHaveLength(1);
    expect(hook.result.current.state.bubbles.at(-1)?.content).toBe('Lovely. What do you sell?');
  });

  it('backs off longer after each failed attempt, and starts over after a good connection', async () => {
    const { hook, sockets, delays } = setup([[]]);
    await waitFor(() => expect(sockets).toHaveLength(1));
    act(() => sockets[0]!.drop());
    await waitFor(() => expect(sockets).toHaveLength(2));
    act(() => sockets[1]!.drop());
    await waitFor(() => expect(sockets).toHaveLength(3));
    expect(delays).toEqual([0, 1]);
    act(() => sockets[2]!.accept());
    await waitFor(() => expect(hook.result.current.state.connection).toBe('open'));
    act(() => sockets[2]!.drop());
    await waitFor(() => expect(sockets).toHaveLength(4));
    expect(delays).toEqual([0, 1, 0]);
  });

  it('refreshes the token once on 4401, and gives up on 4404', async () => {
    const { hook, sockets, tokens } = setup([[]]);
    await waitFor(() => expect(sockets).toHaveLength(1));
    act(() => sockets[0]!.drop(4401));
    await waitFor(() => expect(sockets).toHaveLength(2));
    expect(tokens).toEqual([undefined, 'token-0']);
    expect(sockets[1]!.protocols).toEqual(['quento.v1', 'bearer.token-1']);
    act(() => sockets[1]!.drop(4404));
    await waitFor(() => expect(hook.result.current.state.fatal).toBe('NOT_FOUND'));
    expect(hook.result.current.state.connection).toBe('closed');
    expect(sockets).toHaveLength(2);
  });

  it('closes its socket when the screen goes away', async () => {
    const { hook, sockets } = setup([[]]);
    await waitFor(() => expect(sockets).toHaveLength(1));
    hook.unmount();
    expect(sockets[0]!.readyState).toBe(3);
    expect(sockets).toHaveLength(1);
  });
});
