import {
  Analysis,
  AnalysisComparison,
  AnalysisDetail,
  AnalysisList,
  AnalysisStatusResponse,
  CreateAnalysisRequest,
  ListAnalysesQuery,
} from '@quento/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses, bearerSecurity as security } from '../../lib/error-responses.ts';
import { AppError } from '../../lib/errors.ts';
import { publicOrigin } from '../../lib/public-origin.ts';

const IdParams = z.strictObject({ id: z.uuid() });
const CompareParams = z.strictObject({ id: z.uuid(), other_id: z.uuid() });
const IdempotencyHeaders = z.object({
  'idempotency-key': z.string().min(1).max(255).optional(),
});

/** /api/v1/analysis: the Discover ring. Routes validate and delegate to the analysis service. */
const analysisRoutes: FastifyPluginAsyncZod = async (app) => {
  const { analysis } = app.services;
  app.addHook('onRequest', app.authenticate);

  app.post(
    '/',
    {
      schema: {
        tags: ['analysis'],
        summary: 'Start an analysis of a website (and its competitors)',
        description:
          'Answers 202 with the pending analysis. With an Idempotency-Key header, repeating the same request returns the same analysis; the same key with another body is a 409.',
        security,
        headers: IdempotencyHeaders,
        body: CreateAnalysisRequest,
        response: { 202: Analysis, ...errorResponses(400, 401, 404, 409, 413, 415, 422, 429) },
      },
    },
    async (request, reply) => {
      const key = request.headers['idempotency-key'];
      const { analysis: created } = await analysis.create(request.userId, request.body, key);
      return reply.status(202).send(created);
    },
  );

  app.get(
    '/',
    {
      schema: {
        tags: ['analysis'],
        summary: 'The user’s analyses, newest first',
        security,
        querystring: ListAnalysesQuery,
        response: { 200: AnalysisList, ...errorResponses(400, 401, 429) },
      },
    },
    async (request) => analysis.list(request.userId, request.query),
  );

  app.get(
    '/:id',
    {
      schema: {
        tags: ['analysis'],
        summary: 'One analysis with its full report',
        description:
          '`screenshot` is a short-lived signed link (FILE_LINK_TTL) to the home page’s first screen, taken when Chromium is installed and ANALYSIS_SCREENSHOTS is on; null otherwise (`results.screenshot_error` says why one failed).',
        security,
        params: IdParams,
        response: { 200: AnalysisDetail, ...errorResponses(400, 401, 404, 429) },
      },
    },
    async (request) => analysis.get(request.userId, request.params.id, publicOrigin(request)),
  );

  app.get(
    '/:id/status',
    {
      schema: {
        tags: ['analysis'],
        summary: 'Progress of an analysis',
        security,
        params: IdParams,
        response: { 200: AnalysisStatusResponse, ...errorResponses(400, 401, 404, 429) },
      },
    },
    async (request) => analysis.status(request.userId, request.params.id),
  );

  app.get(
    '/:id/compare/:other_id',
    {
      schema: {
        tags: ['analysis'],
        summary: 'Score deltas and findings resolved, new and unchanged since another analysis',
        security,
        params: CompareParams,
        response: { 200: AnalysisComparison, ...errorResponses(400, 401, 404, 409, 429) },
      },
    },
    async (request) => {
      const { id, other_id } = request.params;
      if (id === other_id)
        throw new AppError('VALIDATION_FAILED', 'Compare two different analyses');
      return analysis.compare(request.userId, id, other_id);
    },
  );

  app.delete(
    '/:id',
    {
      schema: {
        tags: ['analysis'],
        summary: 'Cancel (if running) and delete an analysis, with its screenshot',
        security,
        params: IdParams,
        response: {
          204: z.null().describe('Deleted'),
          ...errorResponses(400, 401, 404, 429, 503),
        },
      },
    },
    async (request, reply) => {
      await analysis.delete(request.userId, request.params.id);
      return reply.status(204).send(null);
    },
  );
};

export default analysisRoutes;
