import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type SinkMail = {
  /** Envelope recipients, lower-cased. */
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string | null;
  receivedAt: number;
};

type Waiter = {
  matches: (mail: SinkMail) => boolean;
  resolve: (mail: SinkMail) => void;
};

export type SmtpSinkOptions = {
  /** Default: a free port. */
  port?: number;
  /** Called with each mail received (the development sink prints them). */
  onMail?: (mail: SinkMail) => void;
  /** Waits this long before accepting each mail: a slow mail server. */
  delayMs?: number;
  /** Refuses the first N mails with a temporary error (451). */
  refuseFirst?: number;
};

/**
 * A real SMTP server on a free loopback port that keeps what it receives, for the API's mail
 * sender to talk to in tests. `waitForMail` hands each received mail out once.
 */
export async function startSmtpSink(options: SmtpSinkOptions = {}) {
  const received: SinkMail[] = [];
  const unclaimed: SinkMail[] = [];
  const waiters: Waiter[] = [];
  let refusals = options.refuseFirst ?? 0;

  const deliver = (mail: SinkMail) => {
    received.push(mail);
    options.onMail?.(mail);
    const index = waiters.findIndex((w) => w.matches(mail));
    if (index >= 0) waiters.splice(index, 1)[0]!.resolve(mail);
    else unclaimed.push(mail);
  };

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then(async (parsed) => {
          if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
          if (refusals > 0) {
            refusals -= 1;
            const error = new Error('Try again later') as Error & { responseCode: number };
            error.responseCode = 451;
            return callback(error);
          }
          deliver({
            to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : null,
            receivedAt: Date.now(),
          });
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;

  const matcher = (to: string, subject: RegExp) => (mail: SinkMail) =>
    mail.to.includes(to.toLowerCase()) && subject.test(mail.subject);

  return {
    url: `smtp://127.0.0.1:${port}`,
    /** Every mail received so far, claimed or not. */
    received,

    /** The next mail to `to` whose subject matches, waiting for it if needed. */
    waitForMail(to: string, subject: RegExp = /./, timeoutMs = 10_000): Promise<SinkMail> {
      const matches = matcher(to, subject);
      const index = unclaimed.findIndex(matches);
      if (index >= 0) return Promise.resolve(unclaimed.splice(index, 1)[0]!);
      return new Promise((resolve, reject) => {
        const waiter: Waiter = {
          matches,
          resolve: (mail) => {
            clearTimeout(timer);
            resolve(mail);
          },
        };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error(`No mail to ${to} matching ${subject} within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.push(waiter);
      });
    },

    /** Mails to `to` not handed out yet (e.g. to check that none arrived). */
    unclaimedFor: (to: string) => unclaimed.filter((m) => m.to.includes(to.toLowerCase())),

    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type SmtpSink = Awaited<ReturnType<typeof startSmtpSink>>;

/** The token of the link to `${PUBLIC_URL}/<lang>/<page>?token=...` in a mail's text. */
export function tokenFromMail(mail: SinkMail, page: string): { token: string; lang: string } {
  const match = new RegExp(`https?://[^\\s]+/([a-z]{2})/${page}\\?token=([A-Za-z0-9_%-]+)`).exec(
    mail.text,
  );
  if (!match) throw new Error(`No /${page} link in mail "${mail.subject}":\n${mail.text}`);
  return { lang: match[1]!, token: decodeURIComponent(match[2]!) };
}

/**
 * Development: `npx tsx apps/api/test/smtp-sink.ts [port]` receives mails on 127.0.0.1 (default
 * port 2525) and prints them; start Citizen with SMTP_URL=smtp://127.0.0.1:2525.
 */
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const port = Number(process.argv[2] ?? 2525);
  const sink = await startSmtpSink({
    port,
    onMail: (mail) =>
      console.log(`\n=== To: ${mail.to.join(', ')}\n=== Subject: ${mail.subject}\n\n${mail.text}`),
  });
  console.log(`SMTP sink listening; start Citizen with SMTP_URL=${sink.url}`);
}
