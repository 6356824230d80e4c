import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyses } from '../../src/db/schema.ts';
import { AnalysisRepository } from '../../src/modules/analysis/analysis.repository.ts';
import { bearer, forEachBackend, register, type Session, useApp } from '../support/app.ts';

// The stored report is read through its versioned schema (contracts' StoredReport), once, in the
// repository. Rows written before the schema had a version still read, as version 1.

const page = (url: string, metaScore: number) => ({
  url,
  requestedUrl: url,
  status: 200,
  audits: {
    'document-title': { id: 'document-title', title: 'Title', score: 1, items: [] },
    'meta-description': {
      id: 'meta-description',
      title: 'No meta description',
      score: metaScore,
      items: [],
    },
  },
});

/** A report as the runner stored it before reports had a version: no `version` key. */
const legacyReport = {
  url: 'https://old.example/',
  finalUrl: 'https://old.example/',
  mode: 'static',
  pages: [page('https://old.example/', 0), page('https://old.example/menu', 1)],
  site: { audits: {}, skipped: [], blockedRequests: [] },
  auditScores: { 'document-title': 1, 'meta-description': 0.5 },
  scores: { overall: 80, seo: 70, content: 90, performance: 85, social: null, technical: 88 },
  competitors: [],
  external: [],
  external_errors: [],
};

forEachBackend((backend) => {
  const ctx = useApp(backend);
  let alice: Session;

  beforeAll(async () => {
    alice = await register(ctx.app);
  });

  async function insert(results: unknown, status = 'completed') {
    const [row] = await ctx.db
      .insert(analyses)
      .values({
        userId: alice.userId,
        websiteUrl: 'https://old.example/',
        siteKey: 'old.example',
        status,
        results: results as Record<string, unknown>,
        completedAt: status === 'completed' ? new Date() : null,
      })
      .returning();
    return row!;
  }

  describe('stored analysis report', () => {
    it('reads a row written before reports had a version, as version 1', async () => {
      const row = await insert(legacyReport);
      const read = await new AnalysisRepository(ctx.db).findForUser(row.id, alice.userId);
      expect(read?.results?.version).toBe(1);
      expect(read?.results?.pages).toHaveLength(2);

      const res = await ctx.app.inject({
        url: `/api/v1/analysis/${row.id}`,
        headers: bearer(alice.access),
      });
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      // Fields the schema does not name are kept as stored.
      expect(body.results.mode).toBe('static');
      expect(body.results.site.skipped).toEqual([]);
      expect(body.findings).toEqual([
        expect.objectContaining({
          audit_id: 'meta-description',
          pages: ['https://old.example/'],
          pages_checked: 2,
          pages_failing: 1,
          score: 0.5,
        }),
      ]);

      const plan = await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/strategy/generate',
        headers: bearer(alice.access),
        payload: { analysis_id: row.id },
      });
      expect(plan.statusCode, plan.body).toBe(201);
      expect(plan.json().recommendations.map((r: { id: string }) => r.id)).toEqual([
        'rec-descriptions',
      ]);
    });

    it('writes the current version when an analysis completes', async () => {
      const row = await insert(null, 'running');
      const repo = new AnalysisRepository(ctx.db);
      const done = await repo.complete(row.id, {
        results: legacyReport,
        summary: {},
        previousAnalysisId: null,
        pagesDone: 2,
        screenshot: null,
      });
      expect(done?.results?.version).toBe(1);
      const [raw] = await ctx.db.select().from(analyses).where(eq(analyses.id, row.id));
      expect((raw!.results as { version?: unknown }).version).toBe(1);
    });

    it('refuses to read a stored report of the wrong shape, naming the analysis', async () => {
      const row = await insert({ url: 'https://old.example/', pages: 'not a list', site: {} });
      await expect(
        new AnalysisRepository(ctx.db).findForUser(row.id, alice.userId),
      ).rejects.toThrow(row.id);
    });
  });
});
