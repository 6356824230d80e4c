import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.ts';
import { Mailer } from '../lib/mailer.ts';
import { AuthService } from '../modules/auth/auth.service.ts';
import { TokensRepository } from '../modules/auth/tokens.repository.ts';
import { MailRepository } from '../modules/mail/mail.repository.ts';
import { ProgressRepository } from '../modules/users/progress.repository.ts';
import { ProgressService } from '../modules/users/progress.service.ts';
import { UsersRepository } from '../modules/users/users.repository.ts';
import { UsersService } from '../modules/users/users.service.ts';

export interface Services {
  auth: AuthService;
  users: UsersService;
  progress: ProgressService;
  mailer: Mailer;
}

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
  }
}

/** App layer: repositories and the services built on them, wired once. */
export default fp(
  async (app: FastifyInstance, { config }: { config: Config }) => {
    const users = new UsersRepository(app.db);
    const tokens = new TokensRepository(app.db);
    const mailer = new Mailer(config, new MailRepository(app.db), app.log);
    app.decorate('services', {
      auth: new AuthService({
        config,
        users,
        tokens,
        access: app.accessTokens,
        refresh: app.refreshTokens,
        mailer,
        log: app.log,
      }),
      users: new UsersService(users),
      progress: new ProgressService(new ProgressRepository(app.db)),
      mailer,
    });
    // Let mail in flight finish before the database closes.
    app.addHook('onClose', async () => {
      await mailer.drain();
      mailer.close();
    });
  },
  { name: 'services', dependencies: ['db', 'auth'] },
);
