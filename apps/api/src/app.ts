import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import {
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { DestinationStream } from 'pino';
import type { Config } from './config.ts';
import type { DatabaseHandle } from './db/client.ts';
import { serializeError, serializeRequest } from './lib/log-serializers.ts';
import analysisRoutes from './modules/analysis/analysis.routes.ts';
import analysisWs from './modules/analysis/analysis.ws.ts';
import authRoutes from './modules/auth/auth.routes.ts';
import chatRoutes from './modules/chat/chat.routes.ts';
import chatWs from './modules/chat/chat.ws.ts';
import filesRoutes from './modules/files/files.routes.ts';
import healthRoutes from './modules/health/health.routes.ts';
import profileRoutes from './modules/profile/profile.routes.ts';
import dashboardRoutes from './modules/strategy/dashboard.routes.ts';
import strategyRoutes from './modules/strategy/strategy.routes.ts';
import usersRoutes from './modules/users/users.routes.ts';
import aiPlugin from './plugins/ai.ts';
import authPlugin from './plugins/auth.ts';
import dbPlugin from './plugins/db.ts';
import docsPlugin from './plugins/docs.ts';
import errorsPlugin, { handleClientError, handleFrameworkError } from './plugins/errors.ts';
import filesPlugin from './plugins/files.ts';
import jobsPlugin from './plugins/jobs.ts';
import lifecyclePlugin from './plugins/lifecycle.ts';
import metricsPlugin from './plugins/metrics.ts';
import rateLimitPlugin from './plugins/rate-limit.ts';
import redisPlugin from './plugins/redis.ts';
import securityPlugin from './plugins/security.ts';
import servicesPlugin from './plugins/services.ts';
import tracingPlugin from './plugins/tracing.ts';
import webAppPlugin from './plugins/web-app.ts';
import websocketPlugin from './plugins/websocket.ts';
import workerPlugin from './plugins/worker.ts';

export interface BuildOptions {
  /** An open, migrated database to use instead of opening one from config (not closed on close). */
  db?: DatabaseHandle;
  /** Where logs go (tests capture them); stdout by default. */
  logStream?: DestinationStream;
}

// Secrets never reach the log, even if a later change logs headers or bodies.
const REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.body.password',
  'req.body.refresh_token',
  'req.body.token',
  '*.password',
  '*.password_hash',
  '*.passwordHash',
  '*.access_token',
  '*.refresh_token',
];

/** Builds the Fastify app: external plugins, then services, then routes. Not listening yet. */
export async function buildApp(config: Config, options: BuildOptions = {}) {
  const app = Fastify({
    logger: {
      level: config.LOG_LEVEL,
      redact: { paths: REDACT, censor: '[redacted]' },
      serializers: { err: serializeError, req: serializeRequest },
      ...(options.logStream ? { stream: options.logStream } : {}),
    },
    bodyLimit: config.BODY_LIMIT,
    trustProxy: config.TRUST_PROXY,
    requestIdHeader: false,
    // Keep a caller's (or proxy's) request id only when it looks like one; otherwise make our own.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{8,64}$/.test(given) ? given : randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true },
    // Errors raised before the error handler runs leave in the same shape.
    frameworkErrors: handleFrameworkError,
    clientErrorHandler: handleClientError,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // The API speaks JSON only: any other body type is a 415, not a string the schema rejects.
  app.removeContentTypeParser('text/plain');
  // Callback-style hooks: no promise per request on the hot path.
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });

  // External layer.
  await app.register(errorsPlugin);
  await app.register(lifecyclePlugin);
  await app.register(tracingPlugin, { config });
  await app.register(dbPlugin, { config, handle: options.db });
  await app.register(redisPlugin, { config });
  await app.register(filesPlugin, { config });
  await app.register(securityPlugin, { config });
  await app.register(metricsPlugin, { config });
  await app.register(docsPlugin);
  await app.register(rateLimitPlugin, { config });
  await app.register(authPlugin, { config });
  await app.register(jobsPlugin, { config });
  await app.register(websocketPlugin);
  await app.register(aiPlugin, { config });
  // App layer.
  await app.register(servicesPlugin, { config });
  await app.register(workerPlugin, { config });
  // Routes: folder = URL prefix.
  await app.register(healthRoutes);
  await app.register(
    async (v1) => {
      await v1.register(authRoutes, { prefix: '/auth' });
      await v1.register(usersRoutes, { prefix: '/users' });
      await v1.register(profileRoutes, { prefix: '/users' });
      await v1.register(analysisRoutes, { prefix: '/analysis' });
      await v1.register(strategyRoutes, { prefix: '/strategy' });
      await v1.register(dashboardRoutes, { prefix: '/users' });
      await v1.register(chatRoutes, { prefix: '/chat' });
      await v1.register(filesRoutes, { prefix: '/files' });
    },
    { prefix: '/api/v1' },
  );
  await app.register(analysisWs);
  await app.register(chatWs);
  // Last: the app's web build answers what no API route does.
  await app.register(webAppPlugin, { config });
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
