import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.ts';
import type { EventBus } from '../events/bus.ts';
import { MemoryBus } from '../events/memory-bus.ts';
import { MemoryQueue } from '../jobs/memory-queue.ts';
import type { JobQueue, QueueOptions } from '../jobs/queue.ts';
import type { AnalysisJobData } from '../modules/analysis/analysis.runner.ts';
import type { ChatFollowUpJob } from '../modules/chat/chat.followup.ts';

/** Chat follow-ups a worker process runs at once: model calls, mostly waiting. */
const CHAT_FOLLOW_UP_CONCURRENCY = 8;

declare module 'fastify' {
  interface FastifyInstance {
    /** Analysis jobs: BullMQ with REDIS_URL, in-process otherwise. */
    analysisQueue: JobQueue<AnalysisJobData>;
    /** Chat follow-ups (profile extraction, summary, index) of WebSocket turns. */
    chatQueue: JobQueue<ChatFollowUpJob>;
    /** Events between workers and WebSocket clients: Redis pub/sub with REDIS_URL. */
    bus: EventBus;
  }
}

/** External layer: the job queue and the event bus. */
export default fp(
  async (app: FastifyInstance, { config }: { config: Config }) => {
    const redisUrl = config.REDIS_URL;
    // BullMQ (with its cron parser and semver: some 300 files) loads only where Redis is set.
    const bull = redisUrl ? await import('../jobs/bullmq-queue.ts') : undefined;
    /** BullMQ on Redis when configured, in-process otherwise. */
    const queueFor = <T>(
      name: string,
      options: QueueOptions,
      lockDurationMs?: number,
    ): JobQueue<T> =>
      bull && redisUrl
        ? new bull.BullQueue<T>({
            ...options,
            redisUrl,
            name,
            prefix: config.QUEUE_PREFIX,
            ...(lockDurationMs ? { lockDurationMs } : {}),
          })
        : new MemoryQueue<T>(options);
    const queue = queueFor<AnalysisJobData>(
      'analysis',
      {
        concurrency: config.ANALYSIS_CONCURRENCY,
        attempts: config.ANALYSIS_MAX_ATTEMPTS,
        backoffMs: 2000,
      },
      config.ANALYSIS_LOCK_MS,
    );
    // A follow-up is not retried: it adds token usage as it goes, and the next turn's covers it.
    const chatQueue = queueFor<ChatFollowUpJob>('chat', {
      concurrency: CHAT_FOLLOW_UP_CONCURRENCY,
      attempts: 1,
      backoffMs: 1000,
    });
    const bus: EventBus = redisUrl
      ? new (await import('../events/bus.ts')).RedisBus(redisUrl, `${config.QUEUE_PREFIX}:events:`)
      : new MemoryBus();
    app.decorate('analysisQueue', queue);
    app.decorate('chatQueue', chatQueue);
    app.decorate('bus', bus);
    app.addHook('onClose', async () => {
      await queue.close();
      await chatQueue.close();
      await bus.close();
    });
  },
  { name: 'jobs' },
);
