// A worker process that takes one job and never finishes it: the test kills it with SIGKILL to
// show that another worker picks the job up once the lock expires.
import { BullQueue } from '../../src/jobs/bullmq-queue.ts';

const [redisUrl, name, prefix] = process.argv.slice(2) as [string, string, string];
const queue = new BullQueue<{ n: number }>({
  redisUrl,
  name,
  prefix,
  concurrency: 1,
  attempts: 3,
  backoffMs: 100,
  lockDurationMs: 1500,
});
await queue.work(async (job) => {
  process.stdout.write(`started ${job.id}\n`);
  await new Promise(() => {});
});
