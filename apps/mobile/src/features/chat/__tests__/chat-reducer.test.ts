import type { ChatServerEvent, Message } from '@quento/contracts';
import { type ChatAction, type ChatState, chatReducer, initialChatState } from '../chat-reducer';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const msg = (n: number, role: Message['role'], content: string, interrupted = false): Message => ({
  id: id(n),
  role,
  content,
  tokens_used: null,
  interrupted,
  created_at: '2026-12-01T10:00:00.000Z',
});
const server = (event: ChatServerEvent): ChatAction => ({ type: 'server', event });
const run = (actions: ChatAction[], from: ChatState = initialChatState) =>
  actions.reduce(chatReducer, from);

const opened = run([
  server({ type: 'ready', session_id: id(99), mode: 'guided' }),
  { type: 'loaded', messages: [msg(1, 'assistant', 'What is your business called?')] },
]);

describe('chat reducer', () => {
  it('is open only once the history is loaded', () => {
    const ready = run([server({ type: 'ready', session_id: id(99), mode: 'model' })]);
    expect(ready.connection).toBe('syncing');
    expect(ready.mode).toBe('model');
    expect(opened.connection).toBe('open');
    expect(opened.bubbles.map((b) => b.content)).toEqual(['What is your business called?']);
  });

  it('appends tokens to one streaming bubble, and final replaces it', () => {
    const s = run(
      [
        { type: 'send', key: 'k1', content: '  Rosa Bakery  ' },
        { type: 'transmitted' },
        server({ type: 'typing', user_message_id: id(2) }),
        server({ type: 'token', content: 'Nice' }),
        server({ type: 'token', content: ' name' }),
      ],
      opened,
    );
    expect(s.typing).toBe(true);
    expect(s.bubbles.map((b) => [b.role, b.content, b.status])).toEqual([
      ['assistant', 'What is your business called?', 'sent'],
      ['user', 'Rosa Bakery', 'sent'],
      ['assistant', 'Nice name', 'streaming'],
    ]);
    expect(s.bubbles[1]!.id).toBe(id(2));

    const done = chatReducer(
      s,
      server({
        type: 'final',
        message_id: id(3),
        content: 'Nice name! What do you sell?',
        tokens_used: 0,
        interrupted: false,
        profile_complete: false,
      }),
    );
    expect(done.typing).toBe(false);
    expect(done.outbox).toBeNull();
    expect(done.bubbles.map((b) => [b.key, b.content, b.status])).toEqual([
      [id(1), 'What is your business called?', 'sent'],
      ['k1', 'Rosa Bakery', 'sent'],
      [id(3), 'Nice name! What do you sell?', 'sent'],
    ]);
  });

  it('a final without tokens (guided mode) adds the reply once, even if repeated', () => {
    const final = server({
      type: 'final',
      message_id: id(3),
      content: 'Who buys from you?',
      tokens_used: 0,
      interrupted: false,
      profile_complete: true,
    });
    const s = run([{ type: 'send', key: 'k1', content: 'Bread' }, final, final], opened);
    expect(s.bubbles.filter((b) => b.id === id(3))).toHaveLength(1);
    expect(s.profileComplete).toBe(true);
  });

  it('takes one message at a time', () => {
    const s = run(
      [
        { type: 'send', key: 'k1', content: 'one' },
        { type: 'send', key: 'k2', content: 'two' },
      ],
      opened,
    );
    expect(s.bubbles.filter((b) => b.role === 'user').map((b) => b.content)).toEqual(['one']);
    expect(s.outbox).toEqual({ key: 'k1', transmitted: false });
  });

  it('an error after the message was stored keeps it sent and says no reply came', () => {
    const s = run(
      [
        { type: 'send', key: 'k1', content: 'hello?' },
        { type: 'transmitted' },
        server({ type: 'typing', user_message_id: id(2) }),
        server({ type: 'error', code: 'SERVICE_UNAVAILABLE', message: 'no answer' }),
      ],
      opened,
    );
    expect(s.outbox).toBeNull();
    expect(s.typing).toBe(false);
    expect(s.bubbles.at(-1)).toMatchObject({
      key: 'k1',
      id: id(2),
      status: 'sent',
      error: 'SERVICE_UNAVAILABLE',
    });
  });

  it('an error marks the unsent message failed; retry queues it again as the newest', () => {
    const failed = run(
      [
        { type: 'send', key: 'k1', content: 'hello' },
        { type: 'transmitted' },
        server({ type: 'error', code: 'TOKEN_CAP_REACHED', message: 'cap' }),
      ],
      opened,
    );
    expect(failed.outbox).toBeNull();
    expect(failed.bubbles.at(-1)).toMatchObject({
      key: 'k1',
      status: 'failed',
      error: 'TOKEN_CAP_REACHED',
    });
    const retried = chatReducer(failed, { type: 'retry', key: 'k1' });
    expect(retried.outbox).toEqual({ key: 'k1', transmitted: false });
    expect(retried.bubbles.at(-1)).toMatchObject({ key: 'k1', status: 'sending', error: null });
    expect(retried.bubbles.filter((b) => b.key === 'k1')).toHaveLength(1);
  });

  it('reconnect: a message the server stored is not sent again, and not shown twice', () => {
    // Sent, then the socket dropped before any `typing` came back.
    const dropped = run(
      [
        { type: 'send', key: 'k1', content: 'Rosa Bakery' },
        { type: 'transmitted' },
        { type: 'dropped' },
      ],
      opened,
    );
    expect(dropped.connection).toBe('reconnecting');
    const s = run(
      [
        server({ type: 'ready', session_id: id(99), mode: 'guided' }),
        {
          type: 'loaded',
          messages: [
            msg(1, 'assistant', 'What is your business called?'),
            msg(2, 'user', 'Rosa Bakery'),
            msg(3, 'assistant', 'What do you sell?'),
          ],
        },
      ],
      dropped,
    );
    expect(s.outbox).toBeNull();
    expect(s.connection).toBe('open');
    expect(s.bubbles.map((b) => b.content)).toEqual([
      'What is your business called?',
      'Rosa Bakery',
      'What do you sell?',
    ]);
  });

  it('reconnect: a message the server never got is kept and queued to go out again', () => {
    const s = run(
      [
        { type: 'send', key: 'k1', content: 'Rosa Bakery' },
        { type: 'transmitted' },
        { type: 'dropped' },
        server({ type: 'ready', session_id: id(99), mode: 'guided' }),
        { type: 'loaded', messages: [msg(1, 'assistant', 'What is your business called?')] },
      ],
      opened,
    );
    expect(s.outbox).toEqual({ key: 'k1', transmitted: false });
    expect(s.bubbles.map((b) => [b.content, b.status])).toEqual([
      ['What is your business called?', 'sent'],
      ['Rosa Bakery', 'sending'],
    ]);
  });

  it('reconnect: the same words sent earlier do not count as the unsent message', () => {
    const history = [
      msg(1, 'assistant', 'Anything else?'),
      msg(2, 'user', 'yes'),
      msg(3, 'assistant', 'Go on'),
    ];
    const base = run([
      server({ type: 'ready', session_id: id(99), mode: 'guided' }),
      { type: 'loaded', messages: history },
    ]);
    const s = run(
      [
        { type: 'send', key: 'k1', content: 'yes' },
        { type: 'transmitted' },
        { type: 'dropped' },
        { type: 'loaded', messages: history },
      ],
      base,
    );
    expect(s.outbox).toEqual({ key: 'k1', transmitted: false });
    expect(s.bubbles.filter((b) => b.content === 'yes')).toHaveLength(2);
  });

  it('a drop mid-reply drops the partial stream; the reload brings the stored (interrupted) reply', () => {
    const s = run(
      [
        { type: 'send', key: 'k1', content: 'Rosa Bakery' },
        { type: 'transmitted' },
        server({ type: 'typing', user_message_id: id(2) }),
        server({ type: 'token', content: 'Nice' }),
        { type: 'dropped' },
      ],
      opened,
    );
    expect(s.typing).toBe(false);
    expect(s.bubbles.some((b) => b.status === 'streaming')).toBe(false);
    const back = chatReducer(s, {
      type: 'loaded',
      messages: [
        msg(1, 'assistant', 'What is your business called?'),
        msg(2, 'user', 'Rosa Bakery'),
        msg(3, 'assistant', 'Nice', true),
      ],
    });
    expect(back.outbox).toBeNull();
    expect(back.bubbles.map((b) => [b.content, b.interrupted])).toEqual([
      ['What is your business called?', false],
      ['Rosa Bakery', false],
      ['Nice', true],
    ]);
  });

  it('a failed message survives a reload unless the server has it', () => {
    const failed = run(
      [
        { type: 'send', key: 'k1', content: 'hello' },
        server({ type: 'error', code: 'BUSY', message: 'busy' }),
      ],
      opened,
    );
    const reloaded = chatReducer(failed, {
      type: 'loaded',
      messages: [msg(1, 'assistant', 'What is your business called?')],
    });
    expect(reloaded.bubbles.at(-1)).toMatchObject({ key: 'k1', status: 'failed' });
  });

  it('the profile event updates ring 1 completion', () => {
    expect(
      chatReducer(opened, server({ type: 'profile', profile_complete: true })).profileComplete,
    ).toBe(true);
  });
});
