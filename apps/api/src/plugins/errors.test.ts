import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ERRORS } from '@quento/analyzer';
import { ERROR_STATUS, ErrorBody, ErrorCode } from '@quento/contracts';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { ANALYZER_ERRORS } from '../lib/analyzer-errors.ts';
import { AppError } from '../lib/errors.ts';
import errorsPlugin, { FASTIFY_CODES, STATUS_CODES } from './errors.ts';

const codes = new Set<string>(ErrorCode.options);

describe('the error handler speaks only the closed vocabulary', () => {
  it('maps Fastify error codes and HTTP statuses to codes whose status matches', () => {
    for (const [fst, { code }] of Object.entries(FASTIFY_CODES)) {
      expect(codes.has(code), fst).toBe(true);
    }
    for (const [status, code] of Object.entries(STATUS_CODES)) {
      expect(codes.has(code), status).toBe(true);
      expect(ERROR_STATUS[code], code).toBe(Number(status));
    }
  });

  it('maps every analyzer error code to one of ours', () => {
    expect(Object.keys(ANALYZER_ERRORS).sort()).toEqual(Object.keys(ERRORS).sort());
    for (const code of Object.values(ANALYZER_ERRORS)) expect(codes.has(code), code).toBe(true);
  });

  it('derives the status of an AppError from its code', () => {
    for (const code of ErrorCode.options) {
      expect(new AppError(code, 'm').status).toBe(ERROR_STATUS[code]);
    }
  });

  it('answers every 4xx a plugin may raise, and a crash, with a listed code and its status', async () => {
    const app = Fastify({ logger: false });
    await app.register(errorsPlugin);
    app.get('/fail/:status', async (request) => {
      const status = Number((request.params as { status: string }).status);
      if (status === 500) throw new Error('boom');
      throw Object.assign(new Error('plugin error'), { statusCode: status });
    });
    app.get('/fst/:code', async (request) => {
      const code = (request.params as { code: string }).code;
      throw Object.assign(new Error('fastify error'), { code, statusCode: 400 });
    });
    try {
      const urls = [
        ...Array.from({ length: 100 }, (_, i) => `/fail/${400 + i}`),
        '/fail/500',
        ...Object.keys(FASTIFY_CODES).map((c) => `/fst/${c}`),
        '/no/such/route',
      ];
      for (const url of urls) {
        const res = await app.inject({ method: 'GET', url });
        const body = ErrorBody.parse(res.json());
        expect(res.statusCode, url).toBe(ERROR_STATUS[body.error.code]);
      }
    } finally {
      await app.close();
    }
  });

  it('throws AppErrors and sends socket error events only with string-literal codes of the enum', () => {
    // tsc checks the types; this catches a code smuggled past it with a cast.
    const src = join(import.meta.dirname, '..');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (p.endsWith('.ts') && !p.endsWith('.test.ts')) files.push(p);
      }
    };
    walk(src);
    const used = new Set<string>();
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      for (const m of text.matchAll(/new AppError\(\s*'([A-Z_]+)'/g)) used.add(m[1]!);
      for (const m of text.matchAll(/type: 'error',\s*code: '([A-Z_]+)'/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(10);
    for (const code of used) expect(codes.has(code), code).toBe(true);
  });
});
