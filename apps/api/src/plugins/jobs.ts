import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.ts';
import { type EventBus, MemoryBus, RedisBus } from '../events/bus.ts';
import { BullQueue } from '../jobs/bullmq-queue.ts';
import { MemoryQueue } from '../jobs/memory-queue.ts';
import type { JobQueue } from '../jobs/queue.ts';
import type { AnalysisJobData } from '../modules/analysis/analysis.runner.ts';
import type { ChatFollowUpJob } from '../modules/chat/chat.service.ts';

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
    // A follow-up is not retried: it adds token usage as it goes, and the next turn's covers it.
    const chatOptions = { concurrency: CHAT_FOLLOW_UP_CONCURRENCY, attempts: 1, backoffMs: 1000 };
    const chatQueue: JobQueue<ChatFollowUpJob> = redisUrl
      ? new BullQueue({ ...chatOptions, redisUrl, name: 'chat', prefix: config.QUEUE_PREFIX })
      : new MemoryQueue(chatOptions);
    const bus: EventBus = redisUrl
      ? new RedisBus(redisUrl, `${config.QUEUE_PREFIX}:events:`)
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
