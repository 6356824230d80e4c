import { describe, expect, it } from 'vitest';
import { LoginRequest, ProgressResponse, RegisterRequest, UpdateMeRequest } from '../src/index.ts';

describe('auth contracts', () => {
  it('normalises the e-mail and bounds the password length', () => {
    const ok = RegisterRequest.parse({ email: '  Mixed@Example.COM ', password: '12345678' });
    expect(ok.email).toBe('mixed@example.com');
    expect(RegisterRequest.safeParse({ email: 'a@b.co', password: '1234567' }).success).toBe(false);
    expect(RegisterRequest.safeParse({ email: 'a@b.co', password: 'x'.repeat(129) }).success).toBe(
      false,
    );
    expect(RegisterRequest.safeParse({ email: 'not-an-email', password: '12345678' }).success).toBe(
      false,
    );
  });

  it('rejects unknown fields', () => {
    expect(LoginRequest.safeParse({ email: 'a@b.co', password: 'x', admin: true }).success).toBe(
      false,
    );
    expect(UpdateMeRequest.safeParse({ email: 'a@b.co' }).success).toBe(false);
    expect(UpdateMeRequest.safeParse({ full_name: null, settings: { a: 1 } }).success).toBe(true);
  });

  it('progress has exactly five rings', () => {
    const ring = {
      key: 'core',
      ring: 1,
      title: 'Core',
      state: 'not_started',
      progress: 0,
      detail: '',
    };
    expect(ProgressResponse.safeParse({ current_ring: 1, rings: [ring] }).success).toBe(false);
  });
});
