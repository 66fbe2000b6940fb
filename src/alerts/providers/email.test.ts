import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { describe, test } from 'node:test';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { makeAlertEvent, makeChannel } from '../alert-fixture.testkit.ts';
import { sendEmail } from './email.ts';

const fixtures = new URL('../../probe/fixtures/', import.meta.url);

interface ReceivedMail {
  raw: string;
  from: string;
  to: string[];
  secure: boolean;
  user: string | undefined;
}

/** A real SMTP server (the smtp-server package) on 127.0.0.1 port 0 that keeps what it receives. */
async function startSmtp(options: SMTPServerOptions) {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    logger: false,
    ...options,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        mails.push({
          raw: Buffer.concat(chunks).toString('utf8'),
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((recipient) => recipient.address),
          secure: session.secure,
          user: session.user as string | undefined,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, mails, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/**
 * What SMTP delivery must do (RFC 5321 / 3207 / 4954 through nodemailer): MAIL FROM the `from`
 * address, RCPT TO every `to` address, STARTTLS when offered, AUTH when configured, and a
 * multipart/alternative body with a text/plain and a text/html part.
 */
describe('email over SMTP', () => {
  test('STARTTLS and AUTH: the message reaches every recipient with both parts', async () => {
    const smtp = await startSmtp({
      key: readFileSync(new URL('self-signed-key.pem', fixtures)),
      cert: readFileSync(new URL('self-signed-cert.pem', fixtures)),
      onAuth(auth, _session, callback) {
        if (auth.username === 'upbeat' && auth.password === 'pw') callback(null, { user: 'upbeat' });
        else callback(new Error('Invalid username or password'));
      },
    });
    const channel = makeChannel('email', {
      host: '127.0.0.1',
      port: String(smtp.port),
      username: 'upbeat',
      password: 'pw',
      from: 'upbeat@acme.example',
      to: 'ops@acme.example, oncall@acme.example',
      insecure: 'true',
    });
    const result = await sendEmail(channel, [makeAlertEvent()], 5_000);
    await smtp.close();
    assert.deepEqual(result, { ok: true });
    const [mail] = smtp.mails;
    assert.ok(mail);
    assert.equal(mail.from, 'upbeat@acme.example');
    assert.deepEqual(mail.to, ['ops@acme.example', 'oncall@acme.example']);
    assert.equal(mail.secure, true, 'upgraded with STARTTLS');
    assert.equal(mail.user, 'upbeat');
    assert.match(mail.raw, /^Subject: \[upbeat\] Website is down\r$/m);
    assert.match(mail.raw, /^X-Upbeat-Event-Id: evt-1\r$/im);
    assert.match(mail.raw, /^Content-Type: multipart\/alternative;/m);
    assert.match(mail.raw, /^Content-Type: text\/plain; charset=utf-8\r$/m);
    assert.match(mail.raw, /^Content-Type: text\/html; charset=utf-8\r$/m);
  });

  test("a refused login fails with the server's reply and no password", async () => {
    const smtp = await startSmtp({
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      onAuth(_auth, _session, callback) {
        callback(new Error('Invalid username or password'));
      },
    });
    const channel = makeChannel('email', {
      host: '127.0.0.1',
      port: String(smtp.port),
      username: 'upbeat',
      password: 'hunter2',
      from: 'upbeat@acme.example',
      to: 'ops@acme.example',
    });
    const result = await sendEmail(channel, [makeAlertEvent()], 5_000);
    await smtp.close();
    assert.equal(result.ok, false);
    assert.match(!result.ok ? result.answer : '', /^535 Invalid username or password/);
    assert.doesNotMatch(JSON.stringify(result), /hunter2/);
    assert.equal(smtp.mails.length, 0);
  });
});
