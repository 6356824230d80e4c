import { ProfileResponse, UpdateProfileRequest } from '@quento/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { bearerSecurity, errorResponses } from '../../lib/error-responses.ts';

/** /api/v1/users/me/profile: the business profile, as the advisor stored it and the owner fixed it. */
const profileRoutes: FastifyPluginAsyncZod = async (app) => {
  const { profile } = app.services;
  app.addHook('onRequest', app.authenticate);

  app.get(
    '/me/profile',
    {
      schema: {
        tags: ['users'],
        summary: 'The business profile (every field) and which fields the owner set by hand',
        security: bearerSecurity,
        response: { 200: ProfileResponse, ...errorResponses(401, 429) },
      },
    },
    async (request) => profile.get(request.userId),
  );

  app.put(
    '/me/profile',
    {
      schema: {
        tags: ['users'],
        summary:
          'Correct the business profile: only the fields sent change, lists replace; the advisor never overwrites a field set here',
        security: bearerSecurity,
        body: UpdateProfileRequest,
        response: { 200: ProfileResponse, ...errorResponses(400, 401, 413, 415, 422, 429) },
      },
    },
    async (request) => profile.update(request.userId, request.body),
  );
};

export default profileRoutes;
