import {
  AuthResponse,
  ForgotPasswordRequest,
  LoginRequest,
  LogoutRequest,
  MessageResponse,
  RefreshRequest,
  RegisterRequest,
  ResetPasswordRequest,
  TokenPair,
} from '@quento/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../lib/error-responses.ts';

const FORGOT_ANSWER = {
  message: 'If an account exists for this address, a reset link is on its way.',
};

/** /api/v1/auth: validate, apply the limits, delegate to AuthService. */
const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const { auth } = app.services;
  const { limits } = app;

  app.post(
    '/register',
    {
      preHandler: [limits.authIp],
      schema: {
        tags: ['auth'],
        summary: 'Create an account and sign in',
        body: RegisterRequest,
        response: { 201: AuthResponse, ...errorResponses(400, 409, 413, 415, 429) },
      },
    },
    async (request, reply) => {
      reply.status(201);
      return auth.register(request.body);
    },
  );

  app.post(
    '/login',
    {
      // Both limits are counted before the password is hashed.
      preHandler: [limits.loginIp, limits.loginEmail],
      schema: {
        tags: ['auth'],
        summary: 'Sign in with e-mail and password',
        body: LoginRequest,
        response: { 200: AuthResponse, ...errorResponses(400, 401, 413, 415, 429) },
      },
    },
    async (request) => auth.login(request.body),
  );

  app.post(
    '/refresh',
    {
      preHandler: [limits.tokenIp],
      schema: {
        tags: ['auth'],
        summary: 'Rotate a refresh token for a new pair',
        body: RefreshRequest,
        response: { 200: TokenPair, ...errorResponses(400, 401, 413, 415, 429) },
      },
    },
    async (request) => auth.refresh(request.body.refresh_token),
  );

  app.post(
    '/logout',
    {
      preHandler: [limits.tokenIp],
      schema: {
        tags: ['auth'],
        summary: 'Revoke the session (refresh-token family) this token belongs to',
        body: LogoutRequest,
        response: { 204: z.null().describe('Signed out'), ...errorResponses(400, 413, 415, 429) },
      },
    },
    async (request, reply) => {
      await auth.logout(request.body.refresh_token);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/forgot-password',
    {
      preHandler: [limits.authIp],
      schema: {
        tags: ['auth'],
        summary: 'Mail a password-reset link (same answer whether or not the account exists)',
        body: ForgotPasswordRequest,
        response: { 202: MessageResponse, ...errorResponses(400, 413, 415, 429) },
      },
    },
    async (request, reply) => {
      await auth.forgotPassword(request.body.email);
      reply.status(202);
      return FORGOT_ANSWER;
    },
  );

  app.post(
    '/reset-password',
    {
      preHandler: [limits.authIp],
      schema: {
        tags: ['auth'],
        summary: 'Set a new password with a reset token; signs out every session',
        body: ResetPasswordRequest,
        response: {
          204: z.null().describe('Password changed'),
          ...errorResponses(400, 413, 415, 429),
        },
      },
    },
    async (request, reply) => {
      await auth.resetPassword(request.body.token, request.body.password);
      return reply.status(204).send(null);
    },
  );
};

export default authRoutes;
