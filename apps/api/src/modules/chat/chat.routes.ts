import {
  AnalystRequest,
  AnalystResponse,
  Conversation,
  ConversationDetail,
  ConversationList,
  CreateSessionRequest,
  ListSessionsQuery,
  MessagesQuery,
  SendMessageRequest,
  SendMessageResponse,
} from '@quento/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses, bearerSecurity as security } from '../../lib/error-responses.ts';

const IdParams = z.strictObject({ id: z.uuid() });

/** /api/v1/chat: the advisor conversation (Core ring and beyond). Routes validate and delegate. */
const chatRoutes: FastifyPluginAsyncZod = async (app) => {
  const { chat } = app.services;
  app.addHook('onRequest', app.authenticate);

  app.post(
    '/sessions',
    {
      schema: {
        tags: ['chat'],
        summary: 'Start a conversation',
        description:
          'Without a configured model the guided advisor answers; its first question is already in the session.',
        security,
        body: CreateSessionRequest,
        response: { 201: Conversation, ...errorResponses(400, 401, 413, 415, 429) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await chat.create(request.userId, request.body ?? {})),
  );

  app.get(
    '/sessions',
    {
      schema: {
        tags: ['chat'],
        summary: 'The user’s conversations, most recently active first',
        security,
        querystring: ListSessionsQuery,
        response: { 200: ConversationList, ...errorResponses(400, 401, 429) },
      },
    },
    async (request) => chat.list(request.userId, request.query),
  );

  app.get(
    '/sessions/:id',
    {
      schema: {
        tags: ['chat'],
        summary: 'A conversation with a page of its messages',
        description: 'Newest page first; pass `next_before` as `before` for the older page.',
        security,
        params: IdParams,
        querystring: MessagesQuery,
        response: { 200: ConversationDetail, ...errorResponses(400, 401, 404, 429) },
      },
    },
    async (request) => chat.get(request.userId, request.params.id, request.query),
  );

  app.post(
    '/sessions/:id/messages',
    {
      schema: {
        tags: ['chat'],
        summary: 'Send a message and get the whole reply (use the WebSocket to stream it)',
        description:
          'Stores the message, then the reply. 409 SESSION_ENDED when the session has ended; 429 TOKEN_CAP_REACHED when the daily token cap is used up (before any model call).',
        security,
        params: IdParams,
        body: SendMessageRequest,
        response: {
          201: SendMessageResponse,
          ...errorResponses(400, 401, 404, 409, 413, 415, 429),
        },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await chat.send(request.userId, request.params.id, request.body.content)),
  );

  app.post(
    '/sessions/:id/analyst',
    {
      schema: {
        tags: ['chat'],
        summary: 'Run the business analyst agent on the website and competitors',
        description:
          'Needs a model (409 MODEL_NOT_CONFIGURED otherwise). Uses the profile’s website unless `website_url` is given (422 WEBSITE_REQUIRED when neither). The agent scrapes, audits and checks social profiles of the site and the named competitors, may suggest others it verifies by fetching them (every URL passes the SSRF guard), takes at most 5 steps and stores its report in the session. Scraped text is treated as data, never as instructions.',
        security,
        params: IdParams,
        body: AnalystRequest,
        response: {
          201: AnalystResponse,
          ...errorResponses(400, 401, 404, 409, 413, 415, 422, 429),
        },
      },
    },
    async (request, reply) => {
      // Stop the agent's model calls and fetches when the client gives up waiting.
      const controller = new AbortController();
      // (the response's close, not the request's: that one fires once the body has been read).
      reply.raw.once('close', () => {
        if (!reply.raw.writableFinished) controller.abort();
      });
      const result = await chat.analyst(
        request.userId,
        request.params.id,
        request.body ?? {},
        controller.signal,
      );
      return reply.status(201).send(result);
    },
  );

  app.delete(
    '/sessions/:id',
    {
      schema: {
        tags: ['chat'],
        summary: 'End a conversation (it stays readable; new messages are refused with 409)',
        security,
        params: IdParams,
        response: { 200: Conversation, ...errorResponses(400, 401, 404, 429) },
      },
    },
    async (request) => chat.end(request.userId, request.params.id),
  );
};

export default chatRoutes;
