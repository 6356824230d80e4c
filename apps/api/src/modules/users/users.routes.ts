import { DeleteMeRequest, ProgressResponse, UpdateMeRequest, User } from '@quento/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../lib/error-responses.ts';

/** /api/v1/users: the signed-in user's own account. Every route requires an access token. */
const usersRoutes: FastifyPluginAsyncZod = async (app) => {
  const { users, progress } = app.services;
  app.addHook('onRequest', app.authenticate);
  const security = [{ bearerAuth: [] }];

  app.get(
    '/me',
    {
      schema: {
        tags: ['users'],
        summary: 'The current user',
        security,
        response: { 200: User, ...errorResponses(401, 429) },
      },
    },
    async (request) => users.getMe(request.userId),
  );

  app.put(
    '/me',
    {
      schema: {
        tags: ['users'],
        summary: 'Update full_name, company_name or settings (nothing else)',
        security,
        body: UpdateMeRequest,
        response: { 200: User, ...errorResponses(400, 401, 413, 415, 429) },
      },
    },
    async (request) => users.updateMe(request.userId, request.body),
  );

  app.delete(
    '/me',
    {
      schema: {
        tags: ['users'],
        summary: 'Delete the account and everything it owns (needs the password)',
        security,
        body: DeleteMeRequest,
        response: {
          204: z.null().describe('Deleted'),
          ...errorResponses(400, 401, 403, 413, 415, 429),
        },
      },
    },
    async (request, reply) => {
      await users.deleteMe(request.userId, request.body.password);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/me/progress',
    {
      schema: {
        tags: ['users'],
        summary: 'The five rings and their state',
        security,
        response: { 200: ProgressResponse, ...errorResponses(401, 429) },
      },
    },
    async (request) => progress.forUser(request.userId),
  );
};

export default usersRoutes;
