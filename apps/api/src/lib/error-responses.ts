import { ErrorBody } from '@quento/contracts';

/** Response schemas for the error statuses a route can answer, so the OpenAPI document lists them. */
export const errorResponses = (...codes: number[]) =>
  Object.fromEntries(codes.map((c) => [c, ErrorBody])) as Record<number, typeof ErrorBody>;

/** The OpenAPI security requirement of routes that need an access token. */
export const bearerSecurity = [{ bearerAuth: [] }];
