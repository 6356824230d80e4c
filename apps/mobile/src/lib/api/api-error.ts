import { ErrorBody } from '@quento/contracts';

/** Codes the app itself raises, besides the API's own vocabulary. */
export type ClientErrorCode = 'NETWORK_ERROR' | 'BAD_RESPONSE';
export type ApiErrorCode = ErrorBody['error']['code'] | ClientErrorCode;

/** A failed call: the API's error body, or a network/parse failure on our side. */
export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly status: number | null,
    readonly details?: unknown,
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get isNetwork(): boolean {
    return this.code === 'NETWORK_ERROR';
  }

  /** Field name -> message, from a VALIDATION_FAILED body (`body.email` becomes `email`). */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    if (!Array.isArray(this.details)) return out;
    for (const d of this.details) {
      if (d && typeof d === 'object' && 'field' in d && 'message' in d) {
        const field = String(d.field).replace(/^(body|query|params)\./, '');
        out[field] ??= String(d.message);
      }
    }
    return out;
  }
}

/** Turns a non-2xx response into an ApiError, keeping the API's code when the body has one. */
export async function errorFromResponse(res: Response): Promise<ApiError> {
  let json: unknown = null;
  try {
    json = await res.json();
  } catch {
    // A proxy's HTML page or an empty body: fall through to a generic error.
  }
  const parsed = ErrorBody.safeParse(json);
  if (parsed.success) {
    const e = parsed.data.error;
    return new ApiError(e.code, e.message, res.status, e.details, e.request_id);
  }
  return new ApiError('BAD_RESPONSE', `Unexpected answer (${res.status})`, res.status);
}
