import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { mailOutbox } from '../../db/schema.ts';

export class MailRepository {
  constructor(private readonly db: Database) {}

  async insert(m: { to: string; subject: string; text: string; userId?: string }): Promise<string> {
    const [row] = await this.db
      .insert(mailOutbox)
      .values({ toAddress: m.to, subject: m.subject, textBody: m.text, userId: m.userId ?? null })
      .returning({ id: mailOutbox.id });
    if (!row) throw new Error('outbox insert returned no row');
    return row.id;
  }

  async markSent(id: string): Promise<void> {
    await this.db
      .update(mailOutbox)
      .set({ status: 'sent', sentAt: new Date(), attempts: sql`${mailOutbox.attempts} + 1` })
      .where(eq(mailOutbox.id, id));
  }

  async markLogged(id: string): Promise<void> {
    await this.db.update(mailOutbox).set({ status: 'logged' }).where(eq(mailOutbox.id, id));
  }

  async markFailed(id: string, error: string): Promise<void> {
    await this.db
      .update(mailOutbox)
      .set({
        status: 'failed',
        lastError: error.slice(0, 1000),
        attempts: sql`${mailOutbox.attempts} + 1`,
      })
      .where(eq(mailOutbox.id, id));
  }

  listFor(to: string) {
    return this.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, to));
  }
}
