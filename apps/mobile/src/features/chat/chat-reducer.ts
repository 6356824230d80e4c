import type { ChatServerEvent, Message } from '@quento/contracts';
import type { ApiErrorCode } from '../../lib/api/api-error';

/** One bubble on screen: a stored message, or the owner's message on its way, or a reply arriving. */
export interface Bubble {
  /** Stable React key: the server id once known, else a local one. */
  key: string;
  /** The server's id once the message is stored. */
  id: string | null;
  role: Message['role'];
  content: string;
  status: 'sent' | 'sending' | 'failed' | 'streaming';
  interrupted: boolean;
  error: ApiErrorCode | null;
  /** For an unsent message: the id of the last stored message when it was written. */
  after: string | null;
}

export type Connection = 'connecting' | 'syncing' | 'open' | 'reconnecting' | 'closed';

export interface ChatState {
  bubbles: Bubble[];
  /**
   * The owner's message whose turn is running (or waiting for the socket). `transmitted` is false
   * while it still has to go out; after a dropped socket the reload decides whether it must.
   */
  outbox: { key: string; transmitted: boolean } | null;
  /** The reply is on its way: between the server's `typing` and its `final`. */
  typing: boolean;
  mode: 'model' | 'guided' | null;
  profileComplete: boolean;
  connection: Connection;
  /** Why the socket gave up for good (session gone, no access). */
  fatal: ApiErrorCode | null;
}

export type ChatAction =
  | { type: 'connecting' }
  | { type: 'server'; event: ChatServerEvent }
  | { type: 'loaded'; messages: Message[] }
  | { type: 'send'; key: string; content: string }
  | { type: 'transmitted' }
  | { type: 'retry'; key: string }
  | { type: 'dropped' }
  | { type: 'fatal'; code: ApiErrorCode };

export const initialChatState: ChatState = {
  bubbles: [],
  outbox: null,
  typing: false,
  mode: null,
  profileComplete: false,
  connection: 'connecting',
  fatal: null,
};

const fromMessage = (m: Message): Bubble => ({
  key: m.id,
  id: m.id,
  role: m.role,
  content: m.content,
  status: 'sent',
  interrupted: m.interrupted,
  error: null,
  after: null,
});

const lastStoredId = (bubbles: Bubble[]): string | null => {
  for (let i = bubbles.length - 1; i >= 0; i--) if (bubbles[i]!.id) return bubbles[i]!.id;
  return null;
};

const same = (a: string, b: string) => a.trim() === b.trim();

/** Whether the server stored this unsent user message: a user message with its text after `after`. */
function storedCopy(messages: Message[], bubble: Bubble): Message | undefined {
  const start = bubble.after ? messages.findIndex((m) => m.id === bubble.after) + 1 : 0;
  return messages.slice(start).find((m) => m.role === 'user' && same(m.content, bubble.content));
}

function onServer(state: ChatState, event: ChatServerEvent): ChatState {
  switch (event.type) {
    case 'ready':
      // Not open yet: the history is reloaded first, so nothing is sent twice.
      return { ...state, mode: event.mode, connection: 'syncing', fatal: null };
    case 'typing': {
      const key = state.outbox?.key;
      return {
        ...state,
        typing: true,
        bubbles: state.bubbles.map((b) =>
          b.key === key ? { ...b, id: event.user_message_id, status: 'sent', error: null } : b,
        ),
      };
    }
    case 'token': {
      const last = state.bubbles.at(-1);
      if (last?.status === 'streaming')
        return {
          ...state,
          bubbles: [
            ...state.bubbles.slice(0, -1),
            { ...last, content: last.content + event.content },
          ],
        };
      const reply: Bubble = {
        key: `stream-${state.outbox?.key ?? lastStoredId(state.bubbles) ?? 'first'}`,
        id: null,
        role: 'assistant',
        content: event.content,
        status: 'streaming',
        interrupted: false,
        error: null,
        after: null,
      };
      return { ...state, bubbles: [...state.bubbles, reply] };
    }
    case 'final': {
      const final: Bubble = {
        key: event.message_id,
        id: event.message_id,
        role: 'assistant',
        content: event.content,
        status: 'sent',
        interrupted: event.interrupted,
        error: null,
        after: null,
      };
      // The final text replaces what streamed; a reply already known by id is not added again.
      const rest = state.bubbles.filter(
        (b) => b.status !== 'streaming' && b.id !== event.message_id,
      );
      return {
        ...state,
        bubbles: [...rest, final],
        outbox: null,
        typing: false,
        profileComplete: event.profile_complete,
      };
    }
    case 'profile':
      return { ...state, profileComplete: event.profile_complete };
    case 'error': {
      const key = state.outbox?.key;
      return {
        ...state,
        outbox: null,
        typing: false,
        bubbles: state.bubbles
          .filter((b) => b.status !== 'streaming')
          .map((b) => {
            if (b.key !== key) return b;
            // Not stored: failed, to send again. Stored but unanswered: it says no reply came.
            return b.id
              ? { ...b, error: event.code }
              : { ...b, status: 'failed' as const, error: event.code };
          }),
      };
    }
  }
}

/**
 * The message list of one chat. Pure, so the hard parts (streaming, reconnecting without losing
 * or duplicating a message) are tested without a socket.
 */
export function chatReducer(state: ChatState, action: ChatAction): ChatState {
  switch (action.type) {
    case 'connecting':
      return { ...state, connection: state.bubbles.length ? 'reconnecting' : 'connecting' };
    case 'server':
      return onServer(state, action.event);
    case 'send': {
      if (state.outbox) return state; // One turn at a time, as the server allows.
      const bubble: Bubble = {
        key: action.key,
        id: null,
        role: 'user',
        content: action.content.trim(),
        status: 'sending',
        interrupted: false,
        error: null,
        after: lastStoredId(state.bubbles),
      };
      return {
        ...state,
        bubbles: [...state.bubbles, bubble],
        outbox: { key: action.key, transmitted: false },
      };
    }
    case 'transmitted':
      return state.outbox ? { ...state, outbox: { ...state.outbox, transmitted: true } } : state;
    case 'retry': {
      const failed = state.bubbles.find((b) => b.key === action.key && b.status === 'failed');
      if (!failed || state.outbox) return state;
      // Sent again as the newest message, after whatever is stored by now.
      const again: Bubble = {
        ...failed,
        status: 'sending',
        error: null,
        after: lastStoredId(state.bubbles),
      };
      return {
        ...state,
        bubbles: [...state.bubbles.filter((b) => b.key !== action.key), again],
        outbox: { key: action.key, transmitted: false },
      };
    }
    case 'dropped':
      // What streamed is dropped: the server stores the (partial) reply, and the reload shows it.
      return {
        ...state,
        connection: 'reconnecting',
        typing: false,
        bubbles: state.bubbles.filter((b) => b.status !== 'streaming'),
      };
    case 'fatal':
      return { ...state, connection: 'closed', fatal: action.code, typing: false };
    case 'loaded':
      return reconcile(state, action.messages);
  }
}

/**
 * The stored history replaces the list; the owner's unconfirmed messages are kept after it unless
 * the server has them already. The one in the outbox goes out again only if it was not stored.
 */
function reconcile(state: ChatState, messages: Message[]): ChatState {
  const bubbles = messages.map(fromMessage);
  let outbox = state.outbox;
  for (const b of state.bubbles) {
    if (b.id || b.role !== 'user') continue; // Stored ones are in `messages` now.
    const copy = storedCopy(messages, b);
    if (copy) {
      if (outbox?.key === b.key) outbox = null;
      continue;
    }
    bubbles.push(b);
  }
  if (outbox && state.bubbles.find((b) => b.key === outbox?.key)?.id) {
    // It was confirmed (`typing`) before the drop: stored, its turn is over.
    outbox = null;
  }
  if (outbox) outbox = { ...outbox, transmitted: false };
  return { ...state, bubbles, outbox, typing: false, connection: 'open' };
}
