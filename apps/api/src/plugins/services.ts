import { resolverFor } from '@quento/analyzer';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.ts';
import { LocalFileStore } from '../files/index.ts';
import { Mailer } from '../lib/mailer.ts';
import { TokenVersions } from '../lib/token-versions.ts';
import { AnalysisRepository } from '../modules/analysis/analysis.repository.ts';
import { AnalysisRunner } from '../modules/analysis/analysis.runner.ts';
import { AnalysisService } from '../modules/analysis/analysis.service.ts';
import { providersFromSettings } from '../modules/analysis/providers/index.ts';
import { AuthService } from '../modules/auth/auth.service.ts';
import { TokensRepository } from '../modules/auth/tokens.repository.ts';
import { createAnalystToolkit } from '../modules/chat/analyst-toolkit.ts';
import { ChatRepository } from '../modules/chat/chat.repository.ts';
import { ChatService } from '../modules/chat/chat.service.ts';
import { FilesService } from '../modules/files/files.service.ts';
import { MailRepository } from '../modules/mail/mail.repository.ts';
import { ProfileRepository } from '../modules/profile/profile.repository.ts';
import { ProfileService } from '../modules/profile/profile.service.ts';
import { ExportStore } from '../modules/strategy/strategy.exports.ts';
import { StrategyRepository } from '../modules/strategy/strategy.repository.ts';
import { StrategyService } from '../modules/strategy/strategy.service.ts';
import { StrategyVerifier } from '../modules/strategy/strategy.verifier.ts';
import { UsageRepository } from '../modules/usage/usage.repository.ts';
import { UsageService } from '../modules/usage/usage.service.ts';
import { ProgressRepository } from '../modules/users/progress.repository.ts';
import { ProgressService } from '../modules/users/progress.service.ts';
import { UsersRepository } from '../modules/users/users.repository.ts';
import { UsersService } from '../modules/users/users.service.ts';
import { recordAnalysis } from './metered.ts';

export interface Services {
  auth: AuthService;
  users: UsersService;
  progress: ProgressService;
  mailer: Mailer;
  profiles: ProfileRepository;
  profile: ProfileService;
  analysis: AnalysisService;
  analysisRepository: AnalysisRepository;
  analysisRunner: AnalysisRunner;
  strategy: StrategyService;
  chat: ChatService;
  /** Downloads by signed link; only when files are kept on local disk (S3 serves its own). */
  files: FilesService | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
    tokenVersions: TokenVersions;
  }
}

/** App layer: repositories and the services built on them, wired once. */
export default fp(
  async (app: FastifyInstance, { config }: { config: Config }) => {
    const users = new UsersRepository(app.db);
    const tokens = new TokensRepository(app.db);
    const mailer = new Mailer(config, new MailRepository(app.db), app.log);
    const profiles = new ProfileRepository(app.db);
    const analysisRepository = new AnalysisRepository(app.db);
    const strategyRepository = new StrategyRepository(app.db);
    const progress = new ProgressService(new ProgressRepository(app.db));
    // Hosts of user-supplied URLs resolve here, for the check and for the connection alike.
    const resolve = config.DNS_SERVERS.length ? resolverFor(config.DNS_SERVERS) : undefined;
    const usage = new UsageService(new UsageRepository(app.db), app.ai.gateway);
    const versions = new TokenVersions((id) => users.tokenVersion(id), app.bus);
    // Not awaited: with Redis away at start, the subscription completes when it is back.
    const stopVersions = versions.start().catch((err: unknown) => {
      app.log.warn({ err }, 'token revocations from other instances unavailable');
      return async () => {};
    });
    app.accessTokens.useRevocationCheck((userId, version) => versions.check(userId, version));
    app.decorate('tokenVersions', versions);
    app.decorate('services', {
      auth: new AuthService({
        config,
        users,
        tokens,
        access: app.accessTokens,
        refresh: app.refreshTokens,
        mailer,
        log: app.log,
        versions,
      }),
      users: new UsersService(users, versions, app.files, app.log),
      files: app.files instanceof LocalFileStore ? new FilesService(app.files) : undefined,
      progress,
      mailer,
      profiles,
      profile: new ProfileService({ profiles, progress }),
      analysisRepository,
      analysis: new AnalysisService({
        config,
        files: app.files,
        links: app.fileLinks,
        repo: analysisRepository,
        profiles,
        queue: app.analysisQueue,
        bus: app.bus,
        resolve,
      }),
      strategy: new StrategyService({
        exports: new ExportStore(app.files, app.fileLinks, app.log),
        repo: strategyRepository,
        analyses: analysisRepository,
        profiles,
        gateway: app.ai.gateway,
        usage,
        progress,
        log: app.log,
      }),
      chat: new ChatService({
        repo: new ChatRepository(app.db),
        profiles,
        analyses: analysisRepository,
        strategies: strategyRepository,
        gateway: app.ai.gateway,
        retriever: app.ai.retriever,
        usage,
        log: app.log,
        toolkit: createAnalystToolkit({
          allowPrivate: config.ALLOW_PRIVATE_NETWORKS,
          allowOrigins: config.FETCH_ALLOW_ORIGINS,
          resolve,
        }),
        urls: {
          allowPrivate: config.ALLOW_PRIVATE_NETWORKS,
          allowOrigins: config.FETCH_ALLOW_ORIGINS,
        },
        resolve,
        onProfileChanged: (userId) => progress.sync(userId),
        // Queued only for a worker that may be another process (BullMQ on Redis). Embedded, the
        // in-process queue's worker is this process: the follow-up runs inline on the socket's
        // loaded context instead of reloading it from the database (4 statements a turn, not 7).
        followUps: config.REDIS_URL ? app.chatQueue : undefined,
        bus: app.bus,
      }),
      analysisRunner: new AnalysisRunner({
        config,
        files: app.files,
        repo: analysisRepository,
        profiles,
        gateway: app.ai.gateway,
        usage,
        bus: app.bus,
        log: app.log,
        resolve,
        onCompleted: [
          new StrategyVerifier(strategyRepository, app.log).afterAnalysis,
          (row) => progress.sync(row.userId),
          async (row) => recordAnalysis(app.appMetrics, row),
        ],
        providers: providersFromSettings({
          mozAccessId: config.MOZ_ACCESS_ID,
          mozSecretKey: config.MOZ_SECRET_KEY,
          mozBaseUrl: config.MOZ_API_URL,
          pagespeedApiKey: config.PAGESPEED_API_KEY,
          pagespeedBaseUrl: config.PAGESPEED_API_URL,
        }),
      }),
    });
    // Let mail in flight finish before the database closes.
    app.addHook('onClose', async () => {
      await (await stopVersions)();
      await mailer.drain();
      mailer.close();
    });
  },
  { name: 'services', dependencies: ['db', 'auth', 'jobs', 'ai', 'files'] },
);
