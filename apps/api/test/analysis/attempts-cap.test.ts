import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { analyses } from '../../src/db/schema.ts';
import { bearer, forEachBackend, register, useApp } from '../support/app.ts';

// Finding 10: runs cut short by a crash count against ANALYSIS_MAX_ATTEMPTS too. A job delivered
// again after the cap (a restart re-enqueues every unfinished analysis) fails the analysis with a
// reason instead of running it once more: an address that crashes the worker is not retried forever.
forEachBackend((backend) => {
  const ctx = useApp(backend, {
    RUN_WORKER: 'false',
    ALLOW_PRIVATE_NETWORKS: 'true',
    ANALYSIS_MAX_ATTEMPTS: '3',
  });

  const job = (analysisId: string) => ({
    id: analysisId,
    data: { analysisId },
    attempt: 1, // what a fresh queue says after a restart
    signal: new AbortController().signal,
  });

  /** An analysis whose earlier runs started and never finished (the process was killed). */
  async function crashedAnalysis(attempts: number) {
    const s = await register(ctx.app);
    const created = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/analysis',
      headers: bearer(s.access),
      payload: { website_url: 'http://127.0.0.1:9/' },
    });
    const id = created.json().id as string;
    await ctx.db.update(analyses).set({ status: 'running', attempts }).where(eq(analyses.id, id));
    return { s, id };
  }

  it('a job after three crashed runs fails the analysis and does not run it', async () => {
    const { s, id } = await crashedAnalysis(3);
    await ctx.app.services.analysisRunner.handle(job(id));
    const [row] = await ctx.db.select().from(analyses).where(eq(analyses.id, id));
    expect(row).toMatchObject({ status: 'failed', attempts: 3 });
    expect(row?.errorMessage).toMatch(/3 attempts/);
    const status = await ctx.app.inject({
      url: `/api/v1/analysis/${id}/status`,
      headers: bearer(s.access),
    });
    expect(status.json()).toMatchObject({ status: 'failed' });
  });

  it('below the cap the job still runs', async () => {
    const { id } = await crashedAnalysis(2);
    await ctx.app.services.analysisRunner.handle(job(id)).catch(() => {});
    const [row] = await ctx.db.select().from(analyses).where(eq(analyses.id, id));
    expect(row?.attempts).toBe(3);
  });
});
