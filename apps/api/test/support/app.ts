import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { type App, buildApp } from '../../src/app.ts';
import { type Config, loadConfig } from '../../src/config.ts';
import type { Database, DatabaseHandle } from '../../src/db/client.ts';
import { mailOutbox } from '../../src/db/schema.ts';
import { type Backend, backends } from './db.ts';

export const TEST_SECRET = 'test-secret-0123456789-abcdefghijklmnopqrstuvwxyz';

/** A config for tests: quiet logs, a known secret, limits high enough not to interfere. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    JWT_SECRET: TEST_SECRET,
    DATA_DIR: mkdtempSync(join(tmpdir(), 'quento-test-')),
    APP_BASE_URL: 'https://app.quento.test',
    RATE_LIMIT_PREFIX: `quento-test:${randomBytes(6).toString('hex')}:`,
    RATE_LIMIT_USER_MAX: '100000',
    RATE_LIMIT_LOGIN_EMAIL_MAX: '100000',
    RATE_LIMIT_LOGIN_IP_MAX: '100000',
    RATE_LIMIT_AUTH_IP_MAX: '100000',
    RATE_LIMIT_TOKEN_IP_MAX: '100000',
    // A Chromium launch per analysis would slow every suite; the screenshot tests turn it on.
    ANALYSIS_SCREENSHOTS: 'false',
    ...overrides,
  });
}

/** Collects the app's JSON log lines, to assert on what is (and is not) logged. */
export class LogCapture extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _enc: string, done: () => void) {
    this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  }
  get text(): string {
    return this.lines.join('\n');
  }
}

export interface AppContext {
  app: App;
  db: Database;
  handle: DatabaseHandle;
  config: Config;
  logs: LogCapture;
  /** Builds another app on the same database (e.g. with other limits). Closed after the file. */
  extraApp(overrides: Record<string, string>): Promise<App>;
}

/** Runs `suite` once per database backend; the Postgres run is skipped without TEST_DATABASE_URL. */
export function forEachBackend(suite: (backend: Backend) => void): void {
  for (const backend of backends) {
    describe.skipIf(!backend.available)(backend.name, () => suite(backend));
  }
}

/** One database per describe block (PGlite boot is slow), one app on it. */
export function useApp(backend: Backend, overrides: Record<string, string> = {}): AppContext {
  const ctx = {} as AppContext;
  let dispose: () => Promise<void> = async () => {};
  const apps: App[] = [];
  const dirs: string[] = [];
  beforeAll(async () => {
    const opened = await backend.open();
    dispose = opened.dispose;
    ctx.handle = opened.handle;
    ctx.db = opened.handle.db;
    ctx.logs = new LogCapture();
    ctx.config = testConfig(overrides);
    dirs.push(ctx.config.DATA_DIR);
    ctx.app = await buildApp(ctx.config, { db: opened.handle, logStream: ctx.logs });
    await ctx.app.ready();
    apps.push(ctx.app);
    ctx.extraApp = async (more) => {
      const config = testConfig({ ...overrides, ...more });
      dirs.push(config.DATA_DIR);
      const app = await buildApp(config, { db: opened.handle, logStream: new LogCapture() });
      await app.ready();
      apps.push(app);
      return app;
    };
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await dispose();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });
  return ctx;
}

let counter = 0;
export function uniqueEmail(prefix = 'user'): string {
  counter += 1;
  return `${prefix}-${counter}-${randomBytes(4).toString('hex')}@example.com`;
}

export const PASSWORD = 'correct horse battery staple';

export interface Session {
  email: string;
  password: string;
  userId: string;
  access: string;
  refresh: string;
}

export async function register(
  app: App,
  email = uniqueEmail(),
  password = PASSWORD,
): Promise<Session> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/register',
    payload: { email, password },
  });
  expect(res.statusCode, res.body).toBe(201);
  const body = res.json();
  return {
    email,
    password,
    userId: body.user.id,
    access: body.access_token,
    refresh: body.refresh_token,
  };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** Listens on a free loopback port; returns the base URL (links the API builds point there). */
export async function listenOnLoopback(app: App): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

/** DELETE /users/me over HTTP, with the password the account was registered with. */
export function deleteAccount(base: string, s: Session): Promise<Response> {
  return fetch(`${base}/api/v1/users/me`, {
    method: 'DELETE',
    headers: { ...bearer(s.access), 'content-type': 'application/json' },
    body: JSON.stringify({ password: s.password }),
  });
}

/** Shorthand: assert status + error shape (+ code) on an inject response. */
export function assertError(res: LightMyRequestResponse, status: number, code?: string) {
  expect(res.statusCode, res.body).toBe(status);
  const b = res.json() as { error?: { code?: unknown; message?: unknown; request_id?: unknown } };
  expect(typeof b.error?.code, res.body).toBe('string');
  expect(typeof b.error?.message).toBe('string');
  expect(typeof b.error?.request_id).toBe('string');
  if (code) expect(b.error?.code).toBe(code);
}

/** A new chat session of the user's; returns its id. */
export async function newChatSession(app: App, s: Session): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/chat/sessions',
    headers: bearer(s.access),
    payload: {},
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

/** Asks for a reset link (from `remoteAddress`) and reads the token out of the mail sent. */
export async function mailedResetToken(
  app: App,
  db: Database,
  email: string,
  remoteAddress = '127.0.0.1',
): Promise<string> {
  await app.inject({
    method: 'POST',
    url: '/api/v1/auth/forgot-password',
    payload: { email },
    remoteAddress,
  });
  await app.services.mailer.drain();
  const [mail] = await db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, email));
  return /token=([\w-]+)/.exec(mail!.textBody)![1]!;
}
