import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { embeddingDimensionsFor, type Provider, parseModelSpec } from './ai/models/settings.ts';
import { parseS3Url, S3UrlError } from './files/s3-url.ts';
import { apiPackageRoot } from './package-root.ts';

// Environment flags arrive as strings; "false" and "0" must mean false (z.coerce.boolean would not).
const flag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
    .optional()
    .transform((v) => (v === undefined || v === '' ? fallback : ['true', '1', 'yes'].includes(v)));

// An empty value means "not set" (as in KEY= lines of an env file), never 0.
const blankIsUnset = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const int = (fallback: number, min = 0) =>
  z.preprocess(blankIsUnset, z.coerce.number().int().min(min).default(fallback));
const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));
const optionalUrl = optionalString.pipe(z.url().optional());
const list = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    );

// Durations accept plain seconds ("900") or a unit suffix ("15m", "30d").
const duration = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((v, ctx) => {
      const m = /^(\d+)\s*(ms|s|m|h|d)?$/.exec(v.trim());
      if (!m) {
        ctx.addIssue({ code: 'custom', message: 'expected a duration like 900, 15m, 12h or 30d' });
        return z.NEVER;
      }
      const n = Number(m[1]);
      const unit = m[2] ?? 's';
      const factor = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86_400 }[unit] ?? 1;
      return Math.round(n * factor);
    });

/** The app's web build, found from this package's place in the repository (not the cwd). */
const DEFAULT_APP_DIST_DIR = join(apiPackageRoot, '..', 'mobile', 'dist');

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.preprocess(blankIsUnset, z.coerce.number().int().min(0).max(65_535).default(8000)),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: optionalString.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, { error: 'must be a postgres:// URL' })
      .optional(),
  ),
  DATABASE_POOL_MAX: int(10, 1),
  REDIS_URL: optionalString.pipe(
    z
      .string()
      .regex(/^rediss?:\/\//, { error: 'must be a redis:// URL' })
      .optional(),
  ),

  JWT_SECRET: optionalString.pipe(
    z.string().min(32, { error: 'must be at least 32 characters' }).optional(),
  ),
  // A file holding the secret (Docker and Kubernetes secrets); JWT_SECRET wins when both are set.
  JWT_SECRET_FILE: optionalString,
  JWT_PRIVATE_KEY: optionalString,
  JWT_PUBLIC_KEY: optionalString,
  JWT_ALGORITHM: z.preprocess(
    blankIsUnset,
    z.enum(['HS256', 'ES256', 'EdDSA', 'RS256']).optional(),
  ),
  JWT_ISSUER: z.string().min(1).default('quento-api'),
  JWT_AUDIENCE: z.string().min(1).default('quento-app'),
  ACCESS_TOKEN_TTL: duration('900'),
  REFRESH_TOKEN_TTL: duration('30d'),
  REFRESH_REUSE_GRACE: duration('10'),
  PASSWORD_RESET_TTL: duration('30m'),

  // Unset: the API's own address, which serves the app's web build.
  APP_BASE_URL: optionalUrl,
  APP_DIST_DIR: optionalString,
  PUBLIC_API_URL: optionalUrl,
  SMTP_URL: optionalString.pipe(
    z
      .string()
      .regex(/^smtps?:\/\//, { error: 'must be an smtp:// or smtps:// URL' })
      .optional(),
  ),
  MAIL_FROM: z.string().default('Quento <no-reply@quento.local>'),
  CORS_ORIGINS: list('http://localhost:8081,http://localhost:19006'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BODY_LIMIT: int(1_048_576, 1024),
  TRUST_PROXY: flag(false),
  // On SIGTERM: how long requests and chat streams under way may take before they are cut.
  SHUTDOWN_GRACE_MS: int(10_000, 0),

  RATE_LIMIT_USER_MAX: int(600, 1),
  RATE_LIMIT_USER_WINDOW: duration('1m'),
  RATE_LIMIT_LOGIN_EMAIL_MAX: int(5, 1),
  RATE_LIMIT_LOGIN_IP_MAX: int(50, 1),
  RATE_LIMIT_LOGIN_WINDOW: duration('15m'),
  RATE_LIMIT_AUTH_IP_MAX: int(30, 1),
  RATE_LIMIT_AUTH_WINDOW: duration('15m'),
  RATE_LIMIT_TOKEN_IP_MAX: int(300, 1),
  RATE_LIMIT_TOKEN_WINDOW: duration('1m'),
  RATE_LIMIT_PREFIX: z.string().default('quento:rl:'),

  // Exports and screenshots: an S3-compatible bucket when S3_URL is set (files/s3-url.ts says
  // the forms), else DATA_DIR/files. Downloads go by signed links valid for FILE_LINK_TTL.
  S3_URL: optionalString,
  S3_REGION: z.string().trim().min(1).default('us-east-1'),
  // The endpoint links point at when clients reach the store elsewhere than the API does
  // (compose: the API uses http://minio:9000, a browser http://localhost:9000).
  S3_PUBLIC_URL: optionalUrl,
  FILE_LINK_TTL: duration('15m'),
  // A screenshot of the owner's home page per analysis, when Chromium is installed.
  ANALYSIS_SCREENSHOTS: flag(true),

  ALLOW_PRIVATE_NETWORKS: flag(false),
  // Origins (scheme://host:port) fetched although they resolve to private addresses, while every
  // other private address stays refused: a self-hosted site, and how tests prove the refusals.
  // DNS servers (host or host:port) that resolve the hosts of user-supplied URLs; the system
  // resolver when unset. The SSRF guard judges their answers like any other.
  DNS_SERVERS: list(''),
  FETCH_ALLOW_ORIGINS: list('').pipe(z.array(z.url().transform((u) => new URL(u).origin))),
  CHROMIUM_PATH: optionalString,
  ANALYSIS_CONCURRENCY: int(2, 1),
  ANALYSIS_TIME_BUDGET_MS: int(120_000, 1000),
  ANALYSIS_MAX_ATTEMPTS: int(3, 1),
  ANALYSIS_LOCK_MS: int(30_000, 1000),
  ANALYSIS_COMPETITOR_MAX_PAGES: int(10, 1),
  RUN_WORKER: flag(true),
  QUEUE_PREFIX: z.string().min(1).default('quento'),

  CHAT_MODEL: optionalString,
  ANALYSIS_MODEL: optionalString,
  EMBEDDING_MODEL: optionalString,
  // Length of EMBEDDING_MODEL's vectors; unset means the model's known size (1536 for
  // text-embedding-3-small). Vectors of any other length are refused (retrieval uses full-text search).
  EMBEDDING_DIMENSIONS: z.preprocess(blankIsUnset, z.coerce.number().int().min(1).optional()),
  LLM_BASE_URL: optionalUrl,
  LLM_API_KEY: optionalString,
  LLM_FALLBACK_MODELS: list(''),
  LLM_TIMEOUT_MS: int(60_000, 1000),
  LLM_MAX_RETRIES: int(2, 0),
  LLM_RETRY_BASE_MS: int(500, 1),
  DAILY_TOKEN_CAP: int(200_000, 0),
  OPENAI_API_KEY: optionalString,
  ANTHROPIC_API_KEY: optionalString,
  GOOGLE_API_KEY: optionalString,
  OLLAMA_BASE_URL: optionalUrl,
  MOZ_ACCESS_ID: optionalString,
  MOZ_SECRET_KEY: optionalString,
  PAGESPEED_API_KEY: optionalString,
  PAGESPEED_API_URL: optionalUrl,
  MOZ_API_URL: optionalUrl,
  SENTRY_DSN: optionalUrl,
  SENTRY_TRACES_SAMPLE_RATE: z.preprocess(
    blankIsUnset,
    z.coerce.number().min(0).max(1).default(0.1),
  ),
  // OpenTelemetry request traces over OTLP/HTTP, off unless OTEL_TRACES is on.
  OTEL_TRACES: flag(false),
  OTEL_EXPORTER_OTLP_ENDPOINT: optionalUrl,
  OTEL_SERVICE_NAME: z.string().min(1).default('quento-api'),
  // Bearer token /metrics asks for; unset in production, /metrics is not served.
  METRICS_TOKEN: optionalString.pipe(
    z.string().min(16, { error: 'must be at least 16 characters' }).optional(),
  ),
});

/**
 * APP_BASE_URL (where the app opens, for links in e-mails) defaults to the API's own address;
 * APP_DIST_DIR (the app's web build, `expo export --platform web`) is always absolute.
 */
export type Config = Omit<z.output<typeof EnvSchema>, 'APP_BASE_URL' | 'APP_DIST_DIR'> &
  Record<'APP_BASE_URL' | 'APP_DIST_DIR', string>;

export class ConfigError extends Error {
  constructor(
    message: string,
    readonly variables: string[],
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** The trimmed content of JWT_SECRET_FILE, held to JWT_SECRET's own rule. */
function secretFromFile(path: string, fail: (name: string, message: string) => never): string {
  let secret: string;
  try {
    secret = readFileSync(path, 'utf8').trim();
  } catch (err) {
    return fail('JWT_SECRET_FILE', `cannot read ${path} (${(err as NodeJS.ErrnoException).code})`);
  }
  if (secret.length < 32)
    fail('JWT_SECRET_FILE', 'the secret in it must be at least 32 characters');
  return secret;
}

/**
 * Reads and validates the environment once. Throws a ConfigError whose message names every bad
 * variable, so start-up stops with something a person can fix.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    const names = parsed.error.issues.map((i) => String(i.path[0]));
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`, names);
  }
  // A relative DATA_DIR is relative to where the command was typed (npm sets INIT_CWD), so
  // `npm start` at the repository root keeps its data in ./data there, not inside apps/api.
  const cwd = env.INIT_CWD ?? process.cwd();
  const config: Config = {
    ...parsed.data,
    DATA_DIR: resolve(cwd, parsed.data.DATA_DIR),
    APP_DIST_DIR: parsed.data.APP_DIST_DIR
      ? resolve(cwd, parsed.data.APP_DIST_DIR)
      : DEFAULT_APP_DIST_DIR,
    APP_BASE_URL:
      parsed.data.APP_BASE_URL ??
      parsed.data.PUBLIC_API_URL ??
      `http://localhost:${parsed.data.PORT}`,
  };
  const fail = (name: string, message: string): never => {
    throw new ConfigError(`Invalid configuration:\n  ${name}: ${message}`, [name]);
  };
  if (Boolean(config.JWT_PRIVATE_KEY) !== Boolean(config.JWT_PUBLIC_KEY)) {
    fail(config.JWT_PRIVATE_KEY ? 'JWT_PUBLIC_KEY' : 'JWT_PRIVATE_KEY', 'set both keys or neither');
  }
  if (config.JWT_PRIVATE_KEY && config.JWT_ALGORITHM === 'HS256') {
    fail('JWT_ALGORITHM', 'HS256 uses JWT_SECRET, not a key pair');
  }
  if (config.JWT_SECRET_FILE && !config.JWT_SECRET) {
    config.JWT_SECRET = secretFromFile(config.JWT_SECRET_FILE, fail);
  }
  if (config.NODE_ENV === 'production' && !config.JWT_SECRET) {
    // Production never runs on a generated secret: every instance must share the same one.
    fail('JWT_SECRET', 'required when NODE_ENV=production (or JWT_SECRET_FILE)');
  }
  if (config.OTEL_TRACES && !config.OTEL_EXPORTER_OTLP_ENDPOINT) {
    fail('OTEL_EXPORTER_OTLP_ENDPOINT', 'required when OTEL_TRACES is on');
  }
  if (config.ACCESS_TOKEN_TTL < 1) fail('ACCESS_TOKEN_TTL', 'must be at least 1 second');
  if (config.REFRESH_TOKEN_TTL <= config.ACCESS_TOKEN_TTL) {
    fail('REFRESH_TOKEN_TTL', 'must be longer than ACCESS_TOKEN_TTL');
  }
  checkFileSettings(config, fail);
  checkModelSettings(config, fail);
  return config;
}

/** S3_URL reads as one of its forms; links live between a second and S3's limit of 7 days. */
function checkFileSettings(config: Config, fail: (name: string, message: string) => never): void {
  if (config.FILE_LINK_TTL < 1 || config.FILE_LINK_TTL > 604_800) {
    fail(
      'FILE_LINK_TTL',
      'must be between 1 second and 7 days (S3 signs links for 7 days at most)',
    );
  }
  if (config.S3_PUBLIC_URL) {
    const u = new URL(config.S3_PUBLIC_URL);
    if (u.username || u.password || u.pathname !== '/' || u.search) {
      fail('S3_PUBLIC_URL', 'must be an origin only, e.g. http://localhost:9000');
    }
  }
  if (!config.S3_URL) {
    if (config.S3_PUBLIC_URL) fail('S3_URL', 'must be set when S3_PUBLIC_URL is');
    return;
  }
  try {
    const location = parseS3Url(config.S3_URL);
    if (config.S3_PUBLIC_URL && !location.endpoint) {
      fail('S3_PUBLIC_URL', 'applies to custom endpoints (http(s):// S3_URL), not to s3://');
    }
  } catch (err) {
    if (err instanceof S3UrlError) fail('S3_URL', err.message);
    throw err;
  }
}

/** The key each provider needs, unless LLM_BASE_URL sends its calls to another server. */
const PROVIDER_KEYS: Record<
  Provider,
  'OPENAI_API_KEY' | 'ANTHROPIC_API_KEY' | 'GOOGLE_API_KEY' | null
> = {
  openai: 'OPENAI_API_KEY',
  anthropic: 'ANTHROPIC_API_KEY',
  google: 'GOOGLE_API_KEY',
  ollama: null,
};

/**
 * The model settings' cross-checks, at start rather than on the first chat message: every model
 * name reads as `provider:model` (a bare name only with LLM_BASE_URL), its provider's key is set,
 * and the embeddings model is one a provider offers.
 */
function checkModelSettings(config: Config, fail: (name: string, message: string) => never): void {
  const hasBaseUrl = config.LLM_BASE_URL !== undefined;
  const specs: Array<[string, string | undefined]> = [
    ['CHAT_MODEL', config.CHAT_MODEL],
    ['ANALYSIS_MODEL', config.ANALYSIS_MODEL],
    ['EMBEDDING_MODEL', config.EMBEDDING_MODEL],
    ...config.LLM_FALLBACK_MODELS.map((m): [string, string] => ['LLM_FALLBACK_MODELS', m]),
  ];
  for (const [name, spec] of specs) {
    if (!spec) continue;
    let provider: Provider;
    try {
      provider = parseModelSpec(spec, hasBaseUrl).provider;
    } catch (err) {
      fail(name, `${(err as Error).message} (or set LLM_BASE_URL to send a bare name there)`);
    }
    const key = PROVIDER_KEYS[provider];
    // LLM_BASE_URL serves openai-style names; the other providers still call their own APIs.
    const needsKey = key !== null && !(provider === 'openai' && hasBaseUrl);
    if (needsKey && !config[key])
      fail(
        key,
        `${name} uses ${provider}: set ${key}${provider === 'openai' ? ' (or LLM_BASE_URL)' : ''}`,
      );
    if (name === 'EMBEDDING_MODEL' && provider === 'anthropic')
      fail(name, 'anthropic offers no embeddings model');
    if (
      name === 'EMBEDDING_MODEL' &&
      embeddingDimensionsFor(spec, config.EMBEDDING_DIMENSIONS, hasBaseUrl) === undefined
    )
      fail('EMBEDDING_DIMENSIONS', `set it to the length of ${spec}'s vectors (no known default)`);
  }
  if (!config.CHAT_MODEL) {
    if (config.ANALYSIS_MODEL) fail('CHAT_MODEL', 'must be set when ANALYSIS_MODEL is');
    if (config.EMBEDDING_MODEL) fail('CHAT_MODEL', 'must be set when EMBEDDING_MODEL is');
  }
}
