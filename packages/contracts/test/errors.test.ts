import { describe, expect, it } from 'vitest';
import { ErrorBody } from '../src/index.ts';

describe('ErrorBody', () => {
  it('accepts the documented shape and rejects a bare message', () => {
    expect(ErrorBody.safeParse({ error: { code: 'NOT_FOUND', message: 'x' } }).success).toBe(true);
    expect(ErrorBody.safeParse({ message: 'x' }).success).toBe(false);
  });
});
