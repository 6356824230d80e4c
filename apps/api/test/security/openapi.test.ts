import { compileErrors, validate } from '@readme/openapi-parser';
import { expect, it } from 'vitest';
import { forEachBackend, useApp } from '../support/app.ts';

// Finding 7: the document generated clients read validates with a real OpenAPI validator, and
// every $ref in it resolves.
forEachBackend((backend) => {
  const ctx = useApp(backend, { RUN_WORKER: 'false' });

  it('/openapi.json is a valid OpenAPI document', async () => {
    const doc = (await ctx.app.inject({ url: '/openapi.json' })).json();
    const result = await validate(structuredClone(doc));
    expect(result.valid, result.valid ? '' : compileErrors(result)).toBe(true);
  });

  it('every $ref points at something in the document', async () => {
    const doc = (await ctx.app.inject({ url: '/openapi.json' })).json();
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/([^"]+)"/g)].map((m) => m[1]!);
    for (const ref of new Set(refs)) {
      const target = ref.split('/').reduce<unknown>((node, key) => {
        return node && typeof node === 'object'
          ? (node as Record<string, unknown>)[key]
          : undefined;
      }, doc);
      expect(target, `#/${ref}`).toBeDefined();
    }
  });
});
