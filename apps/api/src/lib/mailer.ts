import type { FastifyBaseLogger } from 'fastify';
import type { Transporter } from 'nodemailer';
import type { Config } from '../config.ts';
import type { MailRepository } from '../modules/mail/mail.repository.ts';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  userId?: string;
}

/**
 * Every mail is first written to the outbox table, then delivered in the background: through SMTP
 * when SMTP_URL is set, otherwise to the log (the development mailbox). Background delivery keeps
 * request timing independent of the mail server, so it reveals nothing about the recipient.
 */
export class Mailer {
  // nodemailer is loaded only where SMTP is configured (it is 15 MB of memory for nothing otherwise).
  private readonly transport: Promise<Transporter> | undefined;
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly config: Config,
    private readonly outbox: MailRepository,
    private readonly log: FastifyBaseLogger,
  ) {
    const url = config.SMTP_URL;
    this.transport = url
      ? import('nodemailer').then((m) => m.default.createTransport(url))
      : undefined;
  }

  async queue(message: MailMessage): Promise<void> {
    const id = await this.outbox.insert(message);
    this.track(this.deliver(id, message));
  }

  /**
   * Runs mail-producing work after the response, so that the caller's timing does not depend on
   * whether there was anything to send. Failures are logged; drain() waits for it.
   */
  later(task: () => Promise<void>): void {
    this.track(
      task().catch((err: unknown) => this.log.error({ err }, 'background mail task failed')),
    );
  }

  /** Waits for deliveries and tasks in flight, including any they start (shutdown, tests). */
  async drain(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  private track(work: Promise<void>): void {
    const tracked = work.finally(() => this.pending.delete(tracked));
    this.pending.add(tracked);
  }

  close(): void {
    void this.transport?.then(
      (t) => t.close(),
      () => {},
    );
  }

  private async deliver(id: string, message: MailMessage): Promise<void> {
    if (!this.transport) {
      // The outbox table is the mailbox. The address and the body (a reset link is a token)
      // stay out of the log.
      this.log.info({ mail: { id, subject: message.subject } }, 'mail (no SMTP)');
      await this.outbox.markLogged(id).catch((err: unknown) => this.log.error({ err }, 'outbox'));
      return;
    }
    try {
      await (await this.transport).sendMail({
        from: this.config.MAIL_FROM,
        to: message.to,
        subject: message.subject,
        text: message.text,
      });
      await this.outbox.markSent(id);
    } catch (err) {
      this.log.error({ err, mailId: id }, 'mail delivery failed');
      await this.outbox
        .markFailed(id, err instanceof Error ? err.message : String(err))
        .catch(() => {});
    }
  }
}
