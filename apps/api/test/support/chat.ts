import { expect } from 'vitest';
import type { App } from '../../src/app.ts';
import { bearer, type Session } from './app.ts';
import type { FakeChatRequest, FakeReply } from './fake-llm.ts';

/** A new chat session of the user (201 checked); its id. */
export async function openSession(
  app: App,
  s: Session,
  body: { ring_phase?: string; title?: string } = {},
): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/chat/sessions',
    headers: bearer(s.access),
    payload: body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

/** One chat turn over HTTP (201 checked); the response body. */
export async function sayOverHttp(app: App, s: Session, id: string, content: string) {
  const res = await app.inject({
    method: 'POST',
    url: `/api/v1/chat/sessions/${id}/messages`,
    headers: bearer(s.access),
    payload: { content },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as {
    reply: { id: string; content: string; tokens_used: number };
    profile_complete: boolean;
  };
}

/**
 * The analyst agent's model as a script: the competitor suggestion finds none, then each call
 * answers with the next reply, the last one repeating (a report ends the agent's loop).
 */
export function analystScript(replies: FakeReply[]): (req: FakeChatRequest) => FakeReply {
  let step = 0;
  return (req) => {
    if (req.tools.some((t) => t.function.name === 'suggest_competitors'))
      return { toolCalls: [{ name: 'suggest_competitors', args: { competitors: [] } }] };
    step += 1;
    return replies[Math.min(step, replies.length) - 1] ?? { content: '' };
  };
}
