import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.ts';
import { analysisChannel, budgetExceededMessage } from '../modules/analysis/analysis.runner.ts';

const SWEEP_INTERVAL_MS = 60_000;
/** Slack past the budget before a running analysis counts as abandoned. */
const STALE_GRACE_MS = 60_000;

/**
 * Runs analysis jobs and chat follow-ups in this process when RUN_WORKER is on (the embedded default, and
 * `npm run worker`). On start it fails runs that outlived their budget and re-enqueues every
 * unfinished analysis, so a crash or restart never leaves one pending or running for ever.
 */
export default fp(
  async (app: FastifyInstance, { config }: { config: Config }) => {
    if (!config.RUN_WORKER) return;
    const { analysisRunner, analysisRepository: repo } = app.services;
    let sweeper: NodeJS.Timeout | undefined;

    const sweep = async () => {
      const cutoff = new Date(Date.now() - config.ANALYSIS_TIME_BUDGET_MS - STALE_GRACE_MS);
      const message = budgetExceededMessage(config.ANALYSIS_TIME_BUDGET_MS);
      for (const id of await repo.failStale(cutoff, message)) {
        await app.bus.publish(analysisChannel(id), {
          type: 'failed',
          analysis_id: id,
          error_message: message,
        });
      }
    };

    // Starting the queues waits for Redis: in the background, so that the API serves (and
    // /readyz reports the outage) while Redis is away, and the worker starts when it is back.
    const startQueues = async () => {
      // At-least-once: enqueueing an id that is already queued or running is a no-op.
      for (const { id } of await repo.findUnfinished()) {
        await app.analysisQueue.enqueue(id, { analysisId: id }).catch((err: unknown) => {
          app.log.warn({ err, analysisId: id }, 'unfinished analysis not re-queued');
        });
      }
      await app.analysisQueue.work(analysisRunner.handle);
      await app.chatQueue.work(app.services.chat.handleFollowUp);
    };
    app.addHook('onReady', async () => {
      await sweep();
      startQueues().catch((err: unknown) => app.log.warn({ err }, 'job worker did not start'));
      sweeper = setInterval(() => {
        sweep().catch((err: unknown) => app.log.warn({ err }, 'stale analysis sweep failed'));
      }, SWEEP_INTERVAL_MS);
      sweeper.unref();
      app.log.info({ queue: app.analysisQueue.kind }, 'analysis worker running');
    });
    app.addHook('onClose', async () => {
      clearInterval(sweeper);
    });
  },
  { name: 'worker', dependencies: ['services', 'jobs'] },
);
