import { Dashboard } from '@quento/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses, bearerSecurity as security } from '../../lib/error-responses.ts';

/** /api/v1/users/me/dashboard: the Optimize ring's view. */
const dashboardRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onRequest', app.authenticate);
  app.get(
    '/me/dashboard',
    {
      schema: {
        tags: ['users'],
        summary: 'Score history per category, actions done and verified, and the next best actions',
        security,
        response: { 200: Dashboard, ...errorResponses(401, 429) },
      },
    },
    async (request) => app.services.strategy.dashboard(request.userId),
  );
};

export default dashboardRoutes;
