import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { makeAlertEvent, makeChannel } from '../alert-fixture.testkit.ts';
import { postRequest } from '../post-json.ts';
import { startReceiver } from '../receiver.testkit.ts';
import { httpProviders as providers } from './provider.ts';

type Receiver = Awaited<ReturnType<typeof startReceiver>>;

/**
 * What each provider's documentation requires, checked on the request as it arrives:
 * - webhook (ours, README "Webhook body"): POST JSON, version 1, the documented fields, Idempotency-Key,
 *   X-Upbeat-Signature = "sha256=" + hex HMAC-SHA256(secret, raw body), extra headers as written.
 * - Slack incoming webhook: POST application/json `{"text": ...}` to the webhook URL.
 * - Discord Execute Webhook: POST application/json with `embeds[]` (title, description, color, timestamp).
 * - Teams Workflows: `{type: "message", attachments: [{contentType: "application/vnd.microsoft.card.adaptive",
 *   content: {type: "AdaptiveCard", version, body: [TextBlock...]}}]}`.
 * - Telegram Bot API: POST /bot<token>/sendMessage with JSON `{chat_id, text}`.
 * - ntfy: POST the message body to the topic URL; Title, Priority (1-5), Tags headers; Bearer token.
 * - Gotify: POST /message with X-Gotify-Key and JSON `{title, message, priority}`.
 * - Pushover: POST /1/messages.json with `token`, `user`, `message` (required), `title`.
 * - PagerDuty Events v2: POST /v2/enqueue, `routing_key`, `event_action` trigger|resolve, `dedup_key`,
 *   and for trigger `payload.summary`, `payload.source`, `payload.severity` (critical|error|warning|info).
 */
const cases: {
  kind: keyof typeof providers;
  settings: (base: string) => Record<string, string>;
  path: string;
  headers: Record<string, string>;
  check: (body: string) => void;
}[] = [
  {
    kind: 'webhook',
    settings: (base) => ({ url: `${base}/hooks/upbeat`, secret: 'shh' }),
    path: '/hooks/upbeat',
    headers: {
      'content-type': 'application/json',
      'idempotency-key': 'evt-1',
      'x-upbeat-event': 'down',
      'x-team': 'ops',
    },
    check: (body) =>
      assert.deepEqual(JSON.parse(body), {
        version: 1,
        id: 'evt-1',
        event: 'down',
        target: 'Website',
        url: 'https://example.com/',
        state: 'down',
        previous: 'up',
        reason: 'status',
        http_status: 503,
        detail: null,
        at: '2026-11-29T10:00:00.000Z',
        region: 'local',
        down_since: null,
        page_url: null,
      }),
  },
  {
    kind: 'slack',
    settings: (base) => ({ url: `${base}/services/T0/B0/XXXX` }),
    path: '/services/T0/B0/XXXX',
    headers: { 'content-type': 'application/json' },
    check: (body) =>
      assert.deepEqual(JSON.parse(body), {
        text: '*Website is down*\nWebsite (https://example.com/) is down: status, HTTP 503 since 2026-11-29T10:00:00.000Z, region local',
      }),
  },
  {
    kind: 'discord',
    settings: (base) => ({ url: `${base}/api/webhooks/1/tok` }),
    path: '/api/webhooks/1/tok',
    headers: { 'content-type': 'application/json' },
    check: (body) => {
      const embed = JSON.parse(body).embeds[0];
      assert.equal(embed.title, 'Website is down');
      assert.equal(embed.color, 0xd93025);
      assert.equal(embed.timestamp, '2026-11-29T10:00:00.000Z');
      assert.match(embed.description, /HTTP 503/);
    },
  },
  {
    kind: 'teams',
    settings: (base) => ({ url: `${base}/workflows/run` }),
    path: '/workflows/run',
    headers: { 'content-type': 'application/json' },
    check: (body) => {
      const message = JSON.parse(body);
      assert.equal(message.type, 'message');
      assert.equal(message.attachments[0].contentType, 'application/vnd.microsoft.card.adaptive');
      assert.equal(message.attachments[0].content.type, 'AdaptiveCard');
      assert.equal(message.attachments[0].content.body[0].text, 'Website is down');
    },
  },
  {
    kind: 'telegram',
    settings: (base) => ({ url: base, botToken: '123:ABC', chatId: '-100' }),
    path: '/bot123:ABC/sendMessage',
    headers: { 'content-type': 'application/json' },
    check: (body) => {
      const message = JSON.parse(body);
      assert.equal(message.chat_id, '-100');
      assert.match(message.text, /^Website is down\n/);
    },
  },
  {
    kind: 'ntfy',
    settings: (base) => ({ url: `${base}/upbeat-alerts`, token: 'tk_1' }),
    path: '/upbeat-alerts',
    headers: {
      title: 'Website is down',
      priority: '4',
      tags: 'rotating_light',
      authorization: 'Bearer tk_1',
    },
    check: (body) => assert.match(body, /^Website \(https:\/\/example.com\/\) is down/),
  },
  {
    kind: 'gotify',
    settings: (base) => ({ url: base, token: 'AppTok' }),
    path: '/message',
    headers: { 'x-gotify-key': 'AppTok', 'content-type': 'application/json' },
    check: (body) => assert.deepEqual(Object.keys(JSON.parse(body)), ['title', 'message', 'priority']),
  },
  {
    kind: 'pushover',
    settings: (base) => ({ url: `${base}/1/messages.json`, token: 'apptoken', user: 'userkey' }),
    path: '/1/messages.json',
    headers: { 'content-type': 'application/json' },
    check: (body) => {
      const message = JSON.parse(body);
      assert.equal(message.token, 'apptoken');
      assert.equal(message.user, 'userkey');
      assert.equal(message.title, 'Website is down');
      assert.equal(message.timestamp, Date.parse('2026-11-29T10:00:00.000Z') / 1000);
    },
  },
  {
    kind: 'pagerduty',
    settings: (base) => ({ url: `${base}/v2/enqueue`, routingKey: 'R0UTING' }),
    path: '/v2/enqueue',
    headers: { 'content-type': 'application/json' },
    check: (body) => {
      const message = JSON.parse(body);
      assert.equal(message.routing_key, 'R0UTING');
      assert.equal(message.event_action, 'trigger');
      assert.equal(message.dedup_key, 'upbeat:local:Website');
      assert.equal(message.payload.severity, 'critical');
      assert.equal(message.payload.source, 'https://example.com/');
      assert.match(message.payload.summary, /Website .* is down/);
    },
  },
];

describe('providers speak their documented wire format', () => {
  let receiver: Receiver;
  before(async () => (receiver = await startReceiver()));
  after(() => receiver.close());

  for (const { kind, settings, path, headers, check } of cases) {
    test(kind, async () => {
      const channel = makeChannel(
        kind,
        settings(receiver.url),
        kind === 'webhook' ? { headers: { 'X-Team': 'ops' } } : {},
      );
      const before = receiver.requests.length;
      const result = await postRequest(providers[kind].build(channel, [makeAlertEvent()]), {
        timeoutMs: 5_000,
      });
      assert.deepEqual(result, { ok: true });
      const request = receiver.requests[before]!;
      assert.equal(request.method, 'POST');
      assert.equal(request.path, path);
      for (const [name, value] of Object.entries(headers)) assert.equal(request.headers[name], value, name);
      check(request.body);
      if (kind === 'webhook') {
        const expected = `sha256=${createHmac('sha256', 'shh').update(request.body).digest('hex')}`;
        assert.equal(request.headers['x-upbeat-signature'], expected);
      }
    });
  }

  test('PagerDuty resolves the incident its trigger opened (same dedup_key, no payload)', () => {
    const channel = makeChannel('pagerduty', { url: 'http://127.0.0.1:1/v2/enqueue', routingKey: 'R' });
    const body = JSON.parse(
      providers.pagerduty.build(channel, [makeAlertEvent({ kind: 'up', state: 'up' })]).body,
    );
    assert.deepEqual(body, { routing_key: 'R', event_action: 'resolve', dedup_key: 'upbeat:local:Website' });
  });

  test('a grouped message lists every target', () => {
    const events = ['A', 'B', 'C'].map((target) => makeAlertEvent({ target }));
    const channel = makeChannel('slack', { url: 'http://127.0.0.1:1/' });
    const { text } = JSON.parse(providers.slack.build(channel, events).body);
    assert.match(text, /^\*3 targets are down\*\nA .*\nB .*\nC /);
  });
});
