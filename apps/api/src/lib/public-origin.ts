import type { FastifyRequest } from 'fastify';

/**
 * The origin the client reached the API at (scheme and Host, or X-Forwarded-* behind a trusted
 * proxy): links to local files are built on it when PUBLIC_API_URL is unset, so a phone that
 * talks to http://192.168.1.5:8000 gets links it can open. A Host that is no valid origin falls
 * back to localhost rather than failing the request.
 */
export function publicOrigin(request: FastifyRequest): string {
  try {
    return new URL(`${request.protocol}://${request.host}`).origin;
  } catch {
    return 'http://localhost';
  }
}
