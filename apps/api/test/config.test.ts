import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';
import { configVariables, documentedEnv } from './support/env-names.ts';

describe('loadConfig', () => {
  it('runs with no configuration at all (embedded mode defaults)', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      PORT: 8000,
      ACCESS_TOKEN_TTL: 900,
      REFRESH_TOKEN_TTL: 30 * 86_400,
      REFRESH_REUSE_GRACE: 10,
      PASSWORD_RESET_TTL: 1800,
      JWT_ISSUER: 'quento-api',
      ALLOW_PRIVATE_NETWORKS: false,
    });
    expect(c.CORS_ORIGINS).toContain('http://localhost:8081');
    expect(c.DATA_DIR).toMatch(/\/data$/);
    expect(loadConfig({ INIT_CWD: '/srv/quento' }).DATA_DIR).toBe('/srv/quento/data');
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.REDIS_URL).toBeUndefined();
    expect(c.JWT_SECRET).toBeUndefined();
  });

  it('parses durations, lists and flags', () => {
    const c = loadConfig({
      ACCESS_TOKEN_TTL: '15m',
      REFRESH_TOKEN_TTL: '7d',
      CORS_ORIGINS: 'https://a.example, https://b.example',
      ALLOW_PRIVATE_NETWORKS: 'false',
      TRUST_PROXY: '1',
      LLM_FALLBACK_MODELS: 'openai:gpt-4o-mini,anthropic:claude-haiku',
      OPENAI_API_KEY: 'k',
      ANTHROPIC_API_KEY: 'k',
    });
    expect(c.ACCESS_TOKEN_TTL).toBe(900);
    expect(c.REFRESH_TOKEN_TTL).toBe(7 * 86_400);
    expect(c.CORS_ORIGINS).toEqual(['https://a.example', 'https://b.example']);
    expect(c.ALLOW_PRIVATE_NETWORKS).toBe(false);
    expect(c.TRUST_PROXY).toBe(true);
    expect(c.LLM_FALLBACK_MODELS).toEqual(['openai:gpt-4o-mini', 'anthropic:claude-haiku']);
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://x'],
    ['REDIS_URL', 'http://x'],
    ['APP_BASE_URL', 'not a url'],
    ['SMTP_URL', 'mail.example.com'],
    ['ACCESS_TOKEN_TTL', 'soon'],
    ['LOG_LEVEL', 'loud'],
    ['JWT_SECRET', 'short'],
    ['ALLOW_PRIVATE_NETWORKS', 'maybe'],
    ['BODY_LIMIT', '-1'],
  ])('a bad %s stops start-up with its name', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(name);
  });

  it('requires JWT_SECRET in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) }).NODE_ENV).toBe(
      'production',
    );
  });

  it('wants both halves of a key pair and a refresh lifetime above the access lifetime', () => {
    expect(() => loadConfig({ JWT_PRIVATE_KEY: 'pem' })).toThrow(/JWT_PUBLIC_KEY/);
    expect(() => loadConfig({ ACCESS_TOKEN_TTL: '1h', REFRESH_TOKEN_TTL: '30m' })).toThrow(
      /REFRESH_TOKEN_TTL/,
    );
  });
});

describe('model settings (checked once, in loadConfig)', () => {
  const fails = (env: Record<string, string>, name: string, text: RegExp) => {
    let caught: unknown;
    try {
      loadConfig(env);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).variables).toEqual([name]);
    expect((caught as ConfigError).message).toMatch(text);
  };

  it('names the missing key of the provider a model uses', () => {
    fails({ CHAT_MODEL: 'google:gemini-2.5-flash' }, 'GOOGLE_API_KEY', /CHAT_MODEL uses google/);
    fails({ CHAT_MODEL: 'openai:gpt-4o' }, 'OPENAI_API_KEY', /CHAT_MODEL uses openai/);
    fails(
      { CHAT_MODEL: 'ollama:llama3', LLM_FALLBACK_MODELS: 'anthropic:claude-x' },
      'ANTHROPIC_API_KEY',
      /LLM_FALLBACK_MODELS uses anthropic/,
    );
    // LLM_BASE_URL serves openai-style names without OPENAI_API_KEY, not other providers.
    expect(
      loadConfig({ CHAT_MODEL: 'openai:gpt-4o', LLM_BASE_URL: 'http://127.0.0.1:4000/v1' })
        .CHAT_MODEL,
    ).toBe('openai:gpt-4o');
    fails(
      { CHAT_MODEL: 'anthropic:claude-x', LLM_BASE_URL: 'http://127.0.0.1:4000/v1' },
      'ANTHROPIC_API_KEY',
      /anthropic/,
    );
  });

  it('takes a bare model name only with LLM_BASE_URL', () => {
    fails({ CHAT_MODEL: 'gpt-4o' }, 'CHAT_MODEL', /provider:model.*LLM_BASE_URL/);
    fails({ CHAT_MODEL: 'ollama:x', ANALYSIS_MODEL: 'o3' }, 'ANALYSIS_MODEL', /LLM_BASE_URL/);
    const c = loadConfig({ CHAT_MODEL: 'gpt-4o', LLM_BASE_URL: 'http://127.0.0.1:4000/v1' });
    expect(c.CHAT_MODEL).toBe('gpt-4o');
  });

  it('refuses an embeddings model no provider offers, and models without CHAT_MODEL', () => {
    fails(
      { CHAT_MODEL: 'ollama:llama3', EMBEDDING_MODEL: 'anthropic:x', ANTHROPIC_API_KEY: 'k' },
      'EMBEDDING_MODEL',
      /no embeddings/,
    );
    fails({ ANALYSIS_MODEL: 'ollama:llama3' }, 'CHAT_MODEL', /ANALYSIS_MODEL/);
    fails({ EMBEDDING_MODEL: 'ollama:nomic-embed-text' }, 'CHAT_MODEL', /EMBEDDING_MODEL/);
    expect(loadConfig({}).CHAT_MODEL).toBeUndefined();
  });
});

describe('.env.example', () => {
  it('reads S3_URL in its forms, without ever repeating its secret', () => {
    expect(
      loadConfig({ S3_URL: 'http://minio:s3cr%2Fet@127.0.0.1:9000/quento' }).S3_URL,
    ).toBeDefined();
    expect(
      loadConfig({ S3_URL: 's3://quento-files/staging', S3_REGION: 'eu-west-1' }).S3_REGION,
    ).toBe('eu-west-1');
    expect(loadConfig({}).FILE_LINK_TTL).toBe(900);
    expect(loadConfig({}).ANALYSIS_SCREENSHOTS).toBe(true);
    const bad: Array<[Record<string, string>, string, RegExp]> = [
      [{ S3_URL: 'ftp://k:s3cret-value@host/b' }, 'S3_URL', /http:\/\/, https:\/\/ or s3:\/\//],
      [{ S3_URL: 'http://k:s3cret-value@host:9000' }, 'S3_URL', /names no bucket/],
      [{ S3_URL: 'http://k:s3cret-value@host:9000/Bad_Bucket' }, 'S3_URL', /bucket names/],
      [{ S3_URL: 'http://k@host:9000/quento' }, 'S3_URL', /both ACCESS:SECRET@ or neither/],
      [{ S3_URL: 's3://k:s3cret-value@quento' }, 'S3_URL', /takes no credentials/],
      [{ S3_URL: 'http://host:9000/quento/../x' }, 'S3_URL', /key prefix|bucket/],
      [{ S3_PUBLIC_URL: 'http://localhost:9000' }, 'S3_URL', /must be set when S3_PUBLIC_URL is/],
      [
        {
          S3_URL: 'http://k:s3cret-value@minio:9000/quento',
          S3_PUBLIC_URL: 'http://localhost:9000/x',
        },
        'S3_PUBLIC_URL',
        /origin only/,
      ],
      [{ FILE_LINK_TTL: '0' }, 'FILE_LINK_TTL', /between 1 second and 7 days/],
      [{ FILE_LINK_TTL: '8d' }, 'FILE_LINK_TTL', /between 1 second and 7 days/],
      [{ ANALYSIS_SCREENSHOTS: 'maybe' }, 'ANALYSIS_SCREENSHOTS', /./],
    ];
    for (const [env, name, message] of bad) {
      let error: ConfigError | undefined;
      try {
        loadConfig(env);
      } catch (err) {
        error = err as ConfigError;
      }
      expect(error, JSON.stringify(env)).toBeInstanceOf(ConfigError);
      expect(error?.variables).toContain(name);
      expect(error?.message).toMatch(message);
      expect(error?.message).not.toContain('s3cret-value');
    }
  });

  it('documents every variable the config reads, and only those', () => {
    const values = documentedEnv();
    expect(Object.keys(values).sort()).toEqual(configVariables());
    // And the documented defaults themselves load.
    expect(() => loadConfig(values)).not.toThrow();
  });
});
