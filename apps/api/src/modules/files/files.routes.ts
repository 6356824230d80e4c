import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contentDisposition } from '../../files/index.ts';
import { errorResponses } from '../../lib/error-responses.ts';

const LinkQuery = z.object({
  expires: z.string().optional(),
  name: z.string().optional(),
  type: z.string().optional(),
  disposition: z.string().optional(),
  signature: z.string().optional(),
});

/**
 * /api/v1/files: the local store's downloads, by the signed links the API hands out (exports,
 * screenshots). Registered only when files are kept on local disk; S3 links go to the bucket.
 */
const filesRoutes: FastifyPluginAsyncZod = async (app) => {
  const service = app.services.files;
  if (!service) return;
  app.get(
    '/*',
    {
      schema: {
        tags: ['files'],
        summary: 'Download a stored file by its signed link (no Authorization header)',
        description:
          'The link comes from the API (an export, a screenshot) and is valid for FILE_LINK_TTL. A forged or altered link is 403 LINK_INVALID, an expired one 410 LINK_EXPIRED, a deleted file 404.',
        params: z.object({ '*': z.string() }),
        querystring: LinkQuery,
        response: {
          200: z.any().describe('The file, with its content type and Content-Disposition'),
          ...errorResponses(400, 403, 404, 410, 429),
        },
      },
    },
    async (request, reply) => {
      const { grant, stream, size } = await service.open(request.params['*'], request.query);
      const left = Math.max(0, Math.floor((grant.expiresAt.getTime() - Date.now()) / 1000));
      return (
        reply
          .header('content-type', grant.contentType)
          .header('content-length', size)
          .header('content-disposition', contentDisposition(grant.disposition, grant.filename))
          .header('cache-control', `private, max-age=${left}`)
          // The signed link is the permission: an app on another site may show or save the file.
          .header('cross-origin-resource-policy', 'cross-origin')
          .send(stream)
      );
    },
  );
};

export default filesRoutes;
