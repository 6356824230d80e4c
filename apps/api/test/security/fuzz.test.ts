import { writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, forEachBackend, register, type Session, useApp } from '../support/app.ts';
import { seedPlan } from '../support/seed.ts';
import {
  arbitrary,
  expectStandardError,
  fillPath,
  type Operation,
  operations,
} from './support/openapi.ts';

// A property-based pass over every operation in /openapi.json: path, query, headers and body drawn
// from each operation's own schema, bent and broken on purpose, with a valid token most of the
// time. No answer may be a 5xx, and every 4xx has the standard error shape. `npm test` runs a
// fixed seed; `npm run fuzz` runs longer (FUZZ_RUNS, FUZZ_SEED).
const RUNS = Number(process.env.FUZZ_RUNS ?? 25);
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);

forEachBackend((backend) => {
  const ctx = useApp(backend, { RUN_WORKER: 'false', ALLOW_PRIVATE_NETWORKS: 'true' });
  let s: Session;
  let ops: Operation[];
  const ids: Record<string, string> = {};
  let sent = 0;
  let fiveHundreds = 0;

  beforeAll(async () => {
    s = await register(ctx.app);
    ops = await operations(ctx.app);
    ids.chat = (
      await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/chat/sessions',
        headers: bearer(s.access),
        payload: {},
      })
    ).json().id;
    ids.analysis = (
      await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/analysis',
        headers: bearer(s.access),
        payload: { website_url: 'http://127.0.0.1:9/' },
      })
    ).json().id;
    ids.strategy = (await seedPlan(ctx.db, s.userId)).strategyId;
  });

  afterAll(() => {
    // The figures the README reports; FUZZ_REPORT=<file prefix> keeps them.
    const out = process.env.FUZZ_REPORT;
    if (out) writeFileSync(`${out}.${backend.name}.json`, JSON.stringify({ sent, fiveHundreds }));
  });

  /** Real ids of the caller's resources, by the path's first segment after /api/v1. */
  const realId = (path: string) =>
    ids[path.split('/')[3] === 'chat' ? 'chat' : path.split('/')[3]!];

  it('finds the operations', () => {
    expect(ops.length).toBeGreaterThan(30);
  });

  describe('every operation', () => {
    it('answers each generated request below 500, in the standard error shape', async () => {
      for (const op of ops) {
        const pathParams = op.parameters.filter((p) => p.in === 'path');
        const queryParams = op.parameters.filter((p) => p.in === 'query');
        const request = fc.record({
          path: fc.record(
            Object.fromEntries(
              pathParams.map((p) => [
                p.name,
                fc.oneof(
                  { weight: 3, arbitrary: fc.constant(realId(op.path) ?? '') },
                  { weight: 1, arbitrary: fc.uuid() },
                  { weight: 1, arbitrary: fc.string({ maxLength: 50 }) },
                ),
              ]),
            ),
          ),
          query: fc.record(
            Object.fromEntries(queryParams.map((p) => [p.name, arbitrary(p.schema)])),
            { requiredKeys: [] },
          ),
          auth: fc.constantFrom('valid', 'valid', 'valid', 'valid', 'none', 'garbage'),
          body: op.body
            ? fc.oneof(
                {
                  weight: 6,
                  arbitrary: arbitrary(op.body).map((b) => JSON.stringify(b) ?? 'null'),
                },
                { weight: 1, arbitrary: fc.string({ maxLength: 60 }) },
              )
            : fc.constant(undefined),
          idempotency: fc.option(
            fc
              .string({ unit: 'grapheme-ascii', maxLength: 80 })
              .filter((v) => /^[\x20-\x7e]*$/.test(v)),
          ),
        });
        await fc.assert(
          fc.asyncProperty(request, async (r) => {
            const query = new URLSearchParams(
              Object.entries(r.query).map(([k, v]): [string, string] => [
                k,
                typeof v === 'string' ? v : String(JSON.stringify(v)),
              ]),
            ).toString();
            const url =
              fillPath(op.path, r.path as Record<string, string>) + (query ? `?${query}` : '');
            const headers: Record<string, string> = {};
            if (op.secured && r.auth === 'valid') Object.assign(headers, bearer(s.access));
            if (r.auth === 'garbage') headers.authorization = 'Bearer eyJhbGciOiJub25lIn0.e30.';
            if (r.body !== undefined) headers['content-type'] = 'application/json';
            if (r.idempotency !== null && op.parameters.some((p) => p.name === 'idempotency-key'))
              headers['idempotency-key'] = r.idempotency;
            const res = await ctx.app.inject({
              method: op.method as 'GET',
              url,
              headers,
              ...(r.body === undefined ? {} : { payload: r.body }),
            });
            sent += 1;
            if (res.statusCode >= 500) fiveHundreds += 1;
            expectStandardError(res.statusCode, res.body, `${op.method} ${url.slice(0, 200)}`);
          }),
          { numRuns: RUNS, seed: SEED, endOnFailure: true },
        );
      }
      expect(sent).toBe(ops.length * RUNS);
      expect(ctx.logs.text).not.toMatch(/"level":50/);
    }, 600_000);
  });
});
