import { describe, expect, it } from 'vitest';
import {
  ChatServerEvent,
  ERROR_STATUS,
  ErrorBody,
  ErrorCode,
  WS_CLOSE,
  WS_CLOSE_ERROR,
} from '../src/index.ts';

describe('ErrorBody', () => {
  it('accepts the documented shape and rejects a bare message', () => {
    expect(ErrorBody.safeParse({ error: { code: 'NOT_FOUND', message: 'x' } }).success).toBe(true);
    expect(ErrorBody.safeParse({ message: 'x' }).success).toBe(false);
  });

  it('rejects a code outside the vocabulary', () => {
    expect(ErrorBody.safeParse({ error: { code: 'SOMETHING_NEW', message: 'x' } }).success).toBe(
      false,
    );
  });
});

describe('ErrorCode', () => {
  it('gives every code one HTTP error status in 400-599, and lists no status for a non-code', () => {
    for (const code of ErrorCode.options) {
      const status = ERROR_STATUS[code];
      expect(status, code).toBeGreaterThanOrEqual(400);
      expect(status, code).toBeLessThanOrEqual(599);
    }
    expect(Object.keys(ERROR_STATUS).sort()).toEqual([...ErrorCode.options].sort());
  });

  it('is the vocabulary of WebSocket error events and close codes', () => {
    const event = (code: string) =>
      ChatServerEvent.safeParse({ type: 'error', code, message: 'm' }).success;
    expect(event('BUSY')).toBe(true);
    expect(event('NOT_A_CODE')).toBe(false);
    for (const close of Object.values(WS_CLOSE)) {
      expect(ErrorCode.options).toContain(WS_CLOSE_ERROR[close]);
    }
    expect(ERROR_STATUS[WS_CLOSE_ERROR[WS_CLOSE.unauthorized]]).toBe(401);
    expect(ERROR_STATUS[WS_CLOSE_ERROR[WS_CLOSE.notFound]]).toBe(404);
  });
});
