import { AsyncLocalStorage } from 'node:async_hooks';
import { performance } from 'node:perf_hooks';
import type { ModelGateway, UsageEvent } from '../ai/models.ts';
import type { AnalysisRow } from '../modules/analysis/analysis.repository.ts';
import type { AppMetrics } from './metrics.ts';

/**
 * The model a stream ended up on (the primary or a fallback) is known only from its usage report,
 * made inside the stream: the call's own store, carried through its iteration, receives it.
 */
const streamCall = new AsyncLocalStorage<{ model?: string }>();

const seconds = (since: number) => (performance.now() - since) / 1000;

/** Counts a call's tokens by model; for a stream, also tells the stream which model answered. */
export function recordUsage(metrics: AppMetrics, event: UsageEvent): void {
  const store = streamCall.getStore();
  if (store) store.model = event.model;
  const { role, model, usage } = event;
  metrics.modelTokens.inc({ model, role, kind: 'input' }, usage.inputTokens);
  metrics.modelTokens.inc({ model, role, kind: 'output' }, usage.outputTokens);
}

/** The gateway with its calls timed: total latency by model and outcome, and time to first token. */
export function meterGateway(gateway: ModelGateway, metrics: AppMetrics): ModelGateway {
  const timed = async <R extends { model: string }>(
    role: string,
    call: () => Promise<R>,
  ): Promise<R> => {
    const start = performance.now();
    try {
      const result = await call();
      metrics.modelDuration.observe({ model: result.model, role, outcome: 'ok' }, seconds(start));
      return result;
    } catch (err) {
      metrics.modelDuration.observe({ model: 'none', role, outcome: 'error' }, seconds(start));
      throw err;
    }
  };
  return {
    ...gateway,
    candidates: (role) => gateway.candidates(role),
    buildChatModel: (spec, role) => gateway.buildChatModel(spec, role),
    embeddings: () => gateway.embeddings(),
    assertWithinDailyCap: (used) => gateway.assertWithinDailyCap(used),
    run: (role, fn, options) => timed(role, () => gateway.run(role, fn, options)),
    invoke: (role, messages, options) => timed(role, () => gateway.invoke(role, messages, options)),
    async *stream(role, messages, options) {
      const store: { model?: string } = {};
      const start = performance.now();
      const inner = streamCall.run(store, () => gateway.stream(role, messages, options));
      let firstToken: number | undefined;
      let finished = false;
      try {
        for (;;) {
          const next = await streamCall.run(store, () => inner.next());
          if (next.done) break;
          firstToken ??= seconds(start);
          yield next.value;
        }
        finished = true;
      } finally {
        // Breaking out early (the client went away) ends the upstream call too.
        if (!finished) await streamCall.run(store, () => inner.return(undefined));
        // Labelled at the end: only then is it known whether a fallback answered.
        const model = store.model ?? 'none';
        if (firstToken !== undefined) metrics.modelFirstToken.observe({ model, role }, firstToken);
        const outcome = finished ? 'ok' : firstToken === undefined ? 'error' : 'interrupted';
        metrics.modelDuration.observe({ model, role, outcome }, seconds(start));
      }
    },
  };
}

/** Duration (start to completion) and pages of a completed analysis. */
export function recordAnalysis(metrics: AppMetrics, row: AnalysisRow): void {
  if (row.startedAt && row.completedAt) {
    metrics.analysisDuration.observe((row.completedAt.getTime() - row.startedAt.getTime()) / 1000);
  }
  metrics.analysisPages.observe(row.pagesDone);
}
