import {
  ExportRequest,
  GenerateStrategyRequest,
  ListStrategiesQuery,
  PriorityMatrix,
  Strategy,
  StrategyExport,
  StrategyList,
  UpdateActionsRequest,
  UpdateActionsResponse,
} from '@quento/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses, bearerSecurity as security } from '../../lib/error-responses.ts';
import { publicOrigin } from '../../lib/public-origin.ts';

const IdParams = z.strictObject({ id: z.uuid() });

/** /api/v1/strategy: the Plan and Execute rings. */
const strategyRoutes: FastifyPluginAsyncZod = async (app) => {
  const { strategy } = app.services;
  app.addHook('onRequest', app.authenticate);

  app.post(
    '/generate',
    {
      schema: {
        tags: ['strategy'],
        summary: 'Generate a strategy from a completed analysis',
        description:
          'A deterministic engine turns every finding into recommendations with evidence and action items with verification rules; with a model configured, the plan is tailored to the business profile and strategic recommendations are added (source "strategic").',
        security,
        body: GenerateStrategyRequest,
        response: { 201: Strategy, ...errorResponses(400, 401, 404, 409, 413, 415, 429) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await strategy.generate(request.userId, request.body.analysis_id)),
  );

  app.get(
    '/',
    {
      schema: {
        tags: ['strategy'],
        summary: 'The user’s strategies, newest first',
        security,
        querystring: ListStrategiesQuery,
        response: { 200: StrategyList, ...errorResponses(400, 401, 429) },
      },
    },
    async (request) => strategy.list(request.userId, request.query.limit, request.query.offset),
  );

  app.get(
    '/:id',
    {
      schema: {
        tags: ['strategy'],
        summary: 'A strategy with its recommendations (and their evidence) and action items',
        security,
        params: IdParams,
        response: { 200: Strategy, ...errorResponses(400, 401, 404, 429) },
      },
    },
    async (request) => strategy.get(request.userId, request.params.id),
  );

  app.put(
    '/:id/actions',
    {
      schema: {
        tags: ['strategy'],
        summary: 'Update several action items at once (status, due_date, notes)',
        description:
          'Each entry carries the `version` the client last saw. If any action has changed since, nothing is written and the answer is 409 VERSION_CONFLICT with the current items.',
        security,
        params: IdParams,
        body: UpdateActionsRequest,
        response: {
          200: UpdateActionsResponse,
          ...errorResponses(400, 401, 404, 409, 413, 415, 429),
        },
      },
    },
    async (request) => ({
      action_items: await strategy.updateActions(request.userId, request.params.id, request.body),
    }),
  );

  app.get(
    '/:id/matrix',
    {
      schema: {
        tags: ['strategy'],
        summary: 'The priority matrix: recommendations in impact x effort quadrants',
        security,
        params: IdParams,
        response: { 200: PriorityMatrix, ...errorResponses(400, 401, 404, 429) },
      },
    },
    async (request) => strategy.matrix(request.userId, request.params.id),
  );

  app.post(
    '/:id/export',
    {
      schema: {
        tags: ['strategy'],
        summary:
          'Export the strategy as a file: pdf, markdown, csv (action items) or ics (due dates)',
        description:
          'The file is stored and the answer is a short-lived signed link to it (valid for FILE_LINK_TTL, no Authorization header needed), with its name, type and size. 503 SERVICE_UNAVAILABLE when the file store does not answer.',
        security,
        params: IdParams,
        body: ExportRequest,
        response: {
          201: StrategyExport,
          ...errorResponses(400, 401, 404, 413, 415, 429, 503),
        },
      },
    },
    async (request, reply) => {
      const { userId, params, body } = request;
      const link = await strategy.export(userId, params.id, body.format, publicOrigin(request));
      return reply.status(201).header('cache-control', 'no-store').send(link);
    },
  );
};

export default strategyRoutes;
