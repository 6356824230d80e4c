import { z } from 'zod';
import { ErrorCode } from './errors.ts';
import { LIMITS, text } from './strings.ts';

export const RingPhase = z.enum(['core', 'discover', 'plan', 'execute', 'optimize']);
export type RingPhase = z.infer<typeof RingPhase>;

export const ConversationStatus = z.enum(['active', 'ended']);

export const CreateSessionRequest = z.strictObject({
  title: text().trim().min(1).max(LIMITS.title).optional(),
  ring_phase: RingPhase.optional(),
});
export type CreateSessionRequest = z.infer<typeof CreateSessionRequest>;

/** Upper bound on one message: long enough for a pasted brief, short enough to bound cost. */
export const MAX_MESSAGE_CHARS = LIMITS.message;

export const SendMessageRequest = z.strictObject({
  content: text().trim().min(1).max(MAX_MESSAGE_CHARS),
});
export type SendMessageRequest = z.infer<typeof SendMessageRequest>;

export const Conversation = z.object({
  id: z.uuid(),
  title: z.string().nullable(),
  ring_phase: RingPhase,
  status: ConversationStatus,
  /** The advisor's mode for this session: a configured model or the guided interview. */
  mode: z.enum(['model', 'guided']),
  created_at: z.string(),
  updated_at: z.string(),
});
export type Conversation = z.infer<typeof Conversation>;

export const Message = z.object({
  id: z.uuid(),
  role: z.enum(['user', 'assistant', 'system']),
  content: z.string(),
  tokens_used: z.number().int().nullable(),
  /** True when the reply was cut short (model failure or the client went away). */
  interrupted: z.boolean(),
  created_at: z.string(),
});
export type Message = z.infer<typeof Message>;

export const ListSessionsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).default(0),
});

export const ConversationList = z.object({
  items: z.array(Conversation),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});
export type ConversationList = z.infer<typeof ConversationList>;

/** Messages newest page first; `before` is a message id to page back from. */
export const MessagesQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.uuid().optional(),
});

export const MessagePage = z.object({
  /** Oldest first within the page. */
  items: z.array(Message),
  /** Pass as `before` to get the older page; null when there is none. */
  next_before: z.uuid().nullable(),
});
export type MessagePage = z.infer<typeof MessagePage>;

export const ConversationDetail = Conversation.extend({ messages: MessagePage });
export type ConversationDetail = z.infer<typeof ConversationDetail>;

export const SendMessageResponse = z.object({
  user_message: Message,
  reply: Message,
  /** Ring 1 is complete after this message (the profile holds the required fields). */
  profile_complete: z.boolean(),
});
export type SendMessageResponse = z.infer<typeof SendMessageResponse>;

export const AnalystRequest = z.strictObject({
  website_url: text().trim().min(1).max(LIMITS.url).optional(),
});
export const AnalystResponse = z.object({
  message: Message,
  iterations: z.number().int(),
  tool_calls: z.array(z.object({ name: z.string(), url: z.string().nullable() })),
  competitors_verified: z.array(z.string()),
});
export type AnalystResponse = z.infer<typeof AnalystResponse>;

// WebSocket /ws/chat/{session_id}
export const ChatClientEvent = z.strictObject({
  type: z.literal('message'),
  content: text().trim().min(1).max(MAX_MESSAGE_CHARS),
});
export type ChatClientEvent = z.infer<typeof ChatClientEvent>;

export const ChatServerEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), session_id: z.uuid(), mode: z.enum(['model', 'guided']) }),
  z.object({ type: z.literal('typing'), user_message_id: z.uuid() }),
  z.object({ type: z.literal('token'), content: z.string() }),
  z.object({
    type: z.literal('final'),
    message_id: z.uuid(),
    content: z.string(),
    tokens_used: z.number().int(),
    interrupted: z.boolean(),
    profile_complete: z.boolean(),
  }),
  /** Sent after `final` when the follow-up work changed whether ring 1 is complete. */
  z.object({ type: z.literal('profile'), profile_complete: z.boolean() }),
  /** The turn failed; the socket stays open. */
  z.object({ type: z.literal('error'), code: ErrorCode, message: z.string() }),
]);
export type ChatServerEvent = z.infer<typeof ChatServerEvent>;
