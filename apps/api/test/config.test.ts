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

describe('.env.example', () => {
  it('documents every variable the config reads, and only those', () => {
    const values = documentedEnv();
    expect(Object.keys(values).sort()).toEqual(configVariables());
    // And the documented defaults themselves load.
    expect(() => loadConfig(values)).not.toThrow();
  });
});
