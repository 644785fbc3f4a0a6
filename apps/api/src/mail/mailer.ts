import nodemailer from 'nodemailer';
import type { Kysely } from 'kysely';
import type { Config } from '../config/config.js';
import type { DB } from '../db/schema.js';
import { createOutbox, type QueuedMail } from './outbox.repository.js';

export type OutgoingMail = {
  from: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
};

/** Where mails go: an SMTP server, or the log when none is configured. */
export interface MailTransport {
  readonly description: string;
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

type Log = {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
};

export function smtpTransport(url: string): MailTransport {
  // Short timeouts: a dead server delays only the background sender, but it should give up soon.
  const transporter = nodemailer.createTransport({
    url,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  });
  const host = new URL(url).host;
  return {
    description: `SMTP server ${host}`,
    async send(mail) {
      await transporter.sendMail(mail);
    },
    close: () => transporter.close(),
  };
}

/**
 * No SMTP server: each mail is logged instead. With `withBodies` (development or demo mode)
 * the text, links included, goes to the log so that a developer can follow them.
 */
export function logTransport(log: () => Log, withBodies: boolean): MailTransport {
  return {
    description: withBodies ? 'the log (with their text)' : 'the log (recipient and subject only)',
    async send(mail) {
      log().info(
        {
          mail: { to: mail.to, subject: mail.subject, ...(withBodies ? { text: mail.text } : {}) },
        },
        'Mail not sent (no SMTP_URL)',
      );
    },
    close: () => {},
  };
}

/**
 * Without SMTP_URL, a development or demo instance (embedded database, or DEMO_DATA) logs each
 * mail's text so that its links can be followed; a production instance logs only who and what.
 */
export const mailsLoggedWithText = (config: Config) =>
  config.database.kind === 'pglite' || config.demoData;

const POLL_MS = 5_000;
const BATCH = 20;

/**
 * The mail service: `enqueue` inside a request's transaction, `nudge` once it is committed, and
 * a background sender (started and stopped with the app) that drains the outbox table, retrying
 * failed mails with back-off. A slow or dead mail server therefore never slows a request.
 */
export function createMailer(
  config: Config,
  db: Kysely<DB>,
  makeTransport?: (log: () => Log) => MailTransport,
) {
  const outbox = createOutbox(db);
  let log: Log = { info() {}, warn() {}, error() {} };
  const transport = makeTransport
    ? makeTransport(() => log)
    : config.mail.smtpUrl
      ? smtpTransport(config.mail.smtpUrl)
      : logTransport(() => log, mailsLoggedWithText(config));

  let running = false;
  let timer: NodeJS.Timeout | undefined;
  let draining: Promise<void> | undefined;
  let again = false;

  async function drainOnce(): Promise<number> {
    const batch = await outbox.claim(BATCH);
    for (const [i, mail] of batch.entries()) {
      if (!running) {
        await outbox.release(batch.slice(i).map((m) => m.id));
        break;
      }
      try {
        await transport.send({
          from: config.mail.from,
          to: mail.recipient,
          subject: mail.subject,
          text: mail.text_body,
          ...(mail.html_body ? { html: mail.html_body } : {}),
        });
        await outbox.sent(mail.id);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const gaveUp = await outbox.failed(mail, message);
        (gaveUp ? log.error : log.warn).call(
          log,
          { mailId: mail.id, attempts: mail.attempts, err: message },
          gaveUp ? 'Mail given up after repeated failures' : 'Mail not sent; will retry',
        );
      }
    }
    return batch.length;
  }

  /** Drains until the queue has nothing due; concurrent calls share one run. */
  function drain(): Promise<void> {
    if (draining) {
      again = true;
      return draining;
    }
    draining = (async () => {
      try {
        do {
          again = false;
          while (running && (await drainOnce()) === BATCH);
        } while (running && again);
      } catch (error) {
        if (running) log.error({ err: error }, 'Mail sender failed; will try again');
      } finally {
        draining = undefined;
      }
    })();
    return draining;
  }

  function schedule() {
    if (!running) return;
    timer = setTimeout(() => {
      void drain().finally(schedule);
    }, POLL_MS);
    timer.unref();
  }

  return {
    transport,

    enqueue: (executor: Kysely<DB>, mail: QueuedMail) => outbox.enqueue(executor, mail),

    /** Call after the transaction that queued mails has committed: sends them now. */
    nudge() {
      if (running) void drain();
    },

    start(logger: Log) {
      if (running) return;
      log = logger;
      running = true;
      void drain();
      schedule();
    },

    /** Stops the background sender; a mail being sent is finished first. */
    async stop() {
      if (!running) return;
      running = false;
      clearTimeout(timer);
      await draining;
      transport.close();
    },

    /** For tests and the health of the queue: mails not yet sent nor given up. */
    pending: () => outbox.pending(),
  };
}

export type Mailer = ReturnType<typeof createMailer>;
