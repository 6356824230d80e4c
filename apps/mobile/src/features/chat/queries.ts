import {
  Conversation,
  ConversationList,
  type CreateSessionRequest,
  type RingPhase,
} from '@quento/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';

/** Query keys of the advisor chat. */
export const chatKeys = {
  all: ['chat'] as const,
  sessions: () => [...chatKeys.all, 'sessions'] as const,
  session: (id: string) => [...chatKeys.all, 'session', id] as const,
};

/** The owner's conversations, most recently active first. */
export const fetchSessions = () =>
  api.get('/chat/sessions', { query: { limit: 50 }, schema: ConversationList });

export function useSessions() {
  return useQuery({
    queryKey: chatKeys.sessions(),
    queryFn: fetchSessions,
  });
}

/** The latest open conversation of a ring, to continue it rather than start over. */
export function latestSession(list: ConversationList | undefined, ring: RingPhase) {
  return list?.items.find((c) => c.ring_phase === ring && c.status === 'active') ?? null;
}

export function useCreateSession() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateSessionRequest) =>
      api.post('/chat/sessions', { body, schema: Conversation }),
    onSuccess: () => client.invalidateQueries({ queryKey: chatKeys.sessions() }),
  });
}

/** A new core-story conversation, as Home and onboarding start it. */
export const CORE_SESSION: CreateSessionRequest = { ring_phase: 'core', title: 'Your core story' };
