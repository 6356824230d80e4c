import { ErrorBody } from '@quento/contracts';

/** Response schemas for the error statuses a route can answer with (all share one body). */
export const errorsFor = (...codes: number[]) =>
  Object.fromEntries(codes.map((c) => [c, ErrorBody])) as Record<number, typeof ErrorBody>;

export const bearerSecurity = [{ bearerAuth: [] }];
