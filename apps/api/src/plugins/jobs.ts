import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.ts';
import { type EventBus, MemoryBus, RedisBus } from '../events/bus.ts';
import { BullQueue } from '../jobs/bullmq-queue.ts';
import { MemoryQueue } from '../jobs/memory-queue.ts';
import type { JobQueue } from '../jobs/queue.ts';
import type { AnalysisJobData } from '../modules/analysis/analysis.runner.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Analysis jobs: BullMQ with REDIS_URL, in-process otherwise. */
    analysisQueue: JobQueue<AnalysisJobData>;
    /** Events between workers and WebSocket clients: Redis pub/sub with REDIS_URL. */
    bus: EventBus;
  }
}

/** External layer: the job queue and the event bus. */
export default fp(
  async (app: FastifyInstance, { config }: { config: Config }) => {
    const options = {
      concurrency: config.ANALYSIS_CONCURRENCY,
      attempts: config.ANALYSIS_MAX_ATTEMPTS,
      backoffMs: 2000,
    };
    const redisUrl = config.REDIS_URL;
    const queue: JobQueue<AnalysisJobData> = redisUrl
      ? new BullQueue({
          ...options,
          redisUrl,
          name: 'analysis',
          prefix: config.QUEUE_PREFIX,
          lockDurationMs: config.ANALYSIS_LOCK_MS,
        })
      : new MemoryQueue(options);
    const bus: EventBus = redisUrl
      ? new RedisBus(redisUrl, `${config.QUEUE_PREFIX}:events:`)
      : new MemoryBus();
    app.decorate('analysisQueue', queue);
    app.decorate('bus', bus);
    app.addHook('onClose', async () => {
      await queue.close();
      await bus.close();
    });
  },
  { name: 'jobs' },
);
