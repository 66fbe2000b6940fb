import type { NotificationChannel } from '../../config/config.ts';
import type { AlertEvent } from '../alert-event.ts';
import { describeAlerts } from '../describe-alerts.ts';
import type { DeliveryResult } from '../post-json.ts';

// The submission ports: 465 speaks TLS from the first byte (SMTPS), 587 upgrades with STARTTLS.
const smtpsPort = 465;
const submissionPort = 587;

/**
 * Email over SMTP with nodemailer: SMTPS when `secure`, otherwise STARTTLS whenever the server
 * offers it; AUTH with `username`/`password`; one message to every `to` address with a plain-text
 * and an HTML part. The SMTP server's own reply (e.g. `535 5.7.8 ...`) is the answer on failure.
 */
export async function sendEmail(
  channel: NotificationChannel,
  events: readonly AlertEvent[],
  timeoutMs: number,
): Promise<DeliveryResult> {
  const { host, port, secure, username, password, from, to, insecure } = channel.settings;
  const smtps = secure === 'true';
  // loaded on first use: a configuration without email does not pay for nodemailer at start
  const { default: nodemailer } = await import('nodemailer');
  const transport = nodemailer.createTransport({
    host,
    port: port === undefined ? (smtps ? smtpsPort : submissionPort) : Number(port),
    secure: smtps,
    ...(username === undefined ? {} : { auth: { user: username, pass: password ?? '' } }),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    tls: { rejectUnauthorized: insecure !== 'true' },
  });
  const { title, lines, text } = describeAlerts(events);
  try {
    await transport.sendMail({
      from,
      to,
      subject: `[upbeat] ${title}`,
      text,
      html: `<h2>${escapeHtml(title)}</h2>\n<ul>\n${lines.map((line) => `<li>${escapeHtml(line)}</li>`).join('\n')}\n</ul>\n`,
      // the event's idempotency key, for mail filters that deduplicate
      headers: { 'X-Upbeat-Event-Id': events[0]!.id },
    });
    return { ok: true };
  } catch (error) {
    const { response, code } = error as { response?: unknown; code?: unknown };
    const answer =
      typeof response === 'string' ? response : typeof code === 'string' ? code : 'SMTP delivery failed';
    return { ok: false, answer };
  } finally {
    transport.close();
  }
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
