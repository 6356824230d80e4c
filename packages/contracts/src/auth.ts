import { z } from 'zod';
import { LIMITS, text } from './strings.ts';
import { User } from './users.ts';

/** E-mail as typed by a person: trimmed and lower-cased before validation, so it is unique once. */
export const Email = text()
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: 'must be a valid e-mail address' }).max(LIMITS.email))
  .meta({ example: 'owner@example.com' });

/** Length is checked here, before any hashing work: 8 to 128 characters. */
export const Password = text()
  .min(8, { error: 'must be at least 8 characters' })
  .max(LIMITS.password, { error: `must be at most ${LIMITS.password} characters` });

const Name = text().trim().min(1).max(LIMITS.name);

export const RegisterRequest = z.strictObject({
  email: Email,
  password: Password,
  full_name: Name.optional(),
  company_name: Name.optional(),
});
export type RegisterRequest = z.infer<typeof RegisterRequest>;

export const LoginRequest = z.strictObject({
  email: Email,
  // Not length-checked beyond the hashing bound: a wrong password must look like any other.
  password: text().min(1).max(LIMITS.password),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const RefreshRequest = z.strictObject({
  refresh_token: text().min(1).max(LIMITS.token),
});
export type RefreshRequest = z.infer<typeof RefreshRequest>;

export const LogoutRequest = RefreshRequest;
export type LogoutRequest = z.infer<typeof LogoutRequest>;

export const ForgotPasswordRequest = z.strictObject({ email: Email });
export type ForgotPasswordRequest = z.infer<typeof ForgotPasswordRequest>;

export const ResetPasswordRequest = z.strictObject({
  token: text().min(1).max(LIMITS.token),
  password: Password,
});
export type ResetPasswordRequest = z.infer<typeof ResetPasswordRequest>;

/** An access/refresh pair. `expires_in` is the access token's lifetime in seconds. */
export const TokenPair = z.object({
  access_token: z.string(),
  refresh_token: z.string(),
  token_type: z.literal('Bearer'),
  expires_in: z.number().int(),
});
export type TokenPair = z.infer<typeof TokenPair>;

export const AuthResponse = TokenPair.extend({ user: User });
export type AuthResponse = z.infer<typeof AuthResponse>;

export const MessageResponse = z.object({ message: z.string() });
export type MessageResponse = z.infer<typeof MessageResponse>;
