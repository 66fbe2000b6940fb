import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { Logger } from '../log.ts';
import type { ChannelKind } from '../config/config.ts';
import { makeAlertEvent, makeChannel } from './alert-fixture.testkit.ts';
import { openAlertQueue, type AlertQueue } from './alert-queue.ts';
import { createChannelDispatcher, splitIntoMessages } from './channel-dispatcher.ts';
import { providers } from './providers/provider.ts';
import { startReceiver, type Answer, type ReceivedRequest } from './receiver.testkit.ts';

const directory = mkdtempSync(join(tmpdir(), 'upbeat-alerts-'));
after(() => rmSync(directory, { recursive: true, force: true }));
let files = 0;

/** A logger that keeps every line and lets a test wait for the `count`th line with a message. */
function captureLog() {
  const lines: { level: string; message: string; fields: object }[] = [];
  const waiters: (() => void)[] = [];
  const write = (level: string) => (fields: object, message: string) => {
    lines.push({ level, message, fields });
    waiters.splice(0).forEach((wake) => wake());
  };
  const log: Logger = {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
  };
  return {
    log,
    lines,
    async waitFor(message: string, count = 1) {
      while (lines.filter((line) => line.message === message).length < count) {
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    },
  };
}

/** A queue in a fresh file, a receiver answering `answer`, and a dispatcher of `kind` between them. */
async function setUp(
  kind: ChannelKind,
  answer?: (request: ReceivedRequest) => Answer,
  options: { timeoutMs?: number; baseMs?: number; now?: () => number } = {},
) {
  const receiver = await startReceiver(answer);
  const queue = openAlertQueue(join(directory, `queue-${files++}.db`));
  const captured = captureLog();
  const secretPath = '/services/T0/B0/SECRET-TOKEN';
  const channel = makeChannel(
    kind,
    kind === 'pagerduty'
      ? { url: `${receiver.url}${secretPath}`, routingKey: 'rk' }
      : { url: `${receiver.url}${secretPath}` },
  );
  const dispatcher = createChannelDispatcher({
    channel,
    provider: providers[kind],
    queue,
    log: captured.log,
    backoff: { baseMs: options.baseMs ?? 10, capMs: 60_000 },
    maxAgeMs: 3_600_000,
    timeoutMs: options.timeoutMs ?? 5_000,
    ...(options.now ? { now: options.now } : {}),
  });
  const enqueue = (...events: ReturnType<typeof makeAlertEvent>[]) => {
    queue.add(
      events.map((event) => ({ channel: channel.name, event })),
      Date.now(),
    );
    dispatcher.wake();
  };
  return {
    receiver,
    queue,
    dispatcher,
    enqueue,
    ...captured,
    secretPath,
    async close() {
      await dispatcher.stop();
      queue.close();
      await receiver.close();
    },
  };
}

describe('channel dispatcher', () => {
  test('a 500 is retried until accepted; events of a target stay in order; secrets stay out of the logs', async () => {
    let answered = 0;
    const run = await setUp('webhook', () =>
      answered++ < 2 ? { status: 500, body: 'boom' } : { status: 204 },
    );
    run.enqueue(
      makeAlertEvent({ id: 'a-down' }),
      makeAlertEvent({ id: 'a-up', kind: 'up', state: 'up', previous: 'down' }),
    );
    await run.waitFor('alert delivered', 2);
    const ids = run.receiver.requests.map((request) => JSON.parse(request.body).id);
    assert.deepEqual(ids, ['a-down', 'a-down', 'a-down', 'a-up']);
    assert.deepEqual(run.dispatcher.stats(), {
      channel: 'webhook',
      sent: 2,
      failed: 2,
      dropped: 0,
      retrying: false,
    });
    assert.equal(run.queue.size(), 0);
    const failure = run.lines.find((line) => line.message === 'alert delivery failed, will retry')!;
    assert.equal((failure.fields as { answer: string }).answer, 'HTTP 500: boom');
    assert.ok(!JSON.stringify(run.lines).includes('SECRET-TOKEN'), 'the URL never reaches a log line');
    await run.close();
  });

  test("a 429's Retry-After is honoured instead of the backoff", async () => {
    let answered = 0;
    // a backoff of ten minutes: only Retry-After (1 s) lets the second attempt happen during the test
    const run = await setUp(
      'slack',
      () => (answered++ === 0 ? { status: 429, headers: { 'retry-after': '1' } } : { status: 200 }),
      { baseMs: 600_000 },
    );
    run.enqueue(makeAlertEvent());
    await run.waitFor('alert delivered');
    assert.equal(run.receiver.requests.length, 2);
    assert.equal((run.lines[0]!.fields as { retryInMs: number }).retryInMs, 1000);
    await run.close();
  });

  test('a hanging provider times out and is retried; another channel is not held up by it', async () => {
    let answered = 0;
    const slow = await setUp('slack', () => (answered++ === 0 ? 'hang' : { status: 200 }), {
      timeoutMs: 300,
    });
    const fast = await setUp('discord');
    slow.enqueue(makeAlertEvent());
    await slow.receiver.waitForRequests(1);
    fast.enqueue(makeAlertEvent());
    await fast.waitFor('alert delivered');
    assert.equal(
      slow.dispatcher.stats().sent,
      0,
      'the slow channel was still waiting when the other delivered',
    );
    await slow.waitFor('alert delivered');
    assert.match((slow.lines[0]!.fields as { answer: string }).answer, /^no answer within 300 ms$/);
    await Promise.all([slow.close(), fast.close()]);
  });

  test('a storm of 200 targets down is one grouped message', async () => {
    const run = await setUp('slack');
    run.enqueue(
      ...Array.from({ length: 200 }, (_, index) => makeAlertEvent({ id: `e${index}`, target: `T${index}` })),
    );
    await run.waitFor('alert delivered');
    assert.equal(run.dispatcher.stats().sent, 200);
    assert.equal(run.receiver.requests.length, 1);
    const { text } = JSON.parse(run.receiver.requests[0]!.body);
    assert.match(text, /^\*200 targets are down\*\nT0 /);
    assert.match(text, /… and 170 more$/);
    await run.close();
  });

  test('a chat channel behind on a down its up already resolved sends one "up after N down" message', async () => {
    let answered = 0;
    const run = await setUp('slack', () => (answered++ === 0 ? { status: 500 } : { status: 200 }));
    const at = Date.parse('2026-11-29T10:03:00.000Z');
    const downSince = at - 180_000;
    run.enqueue(
      makeAlertEvent({ id: 'down', at: downSince }),
      makeAlertEvent({ id: 'up', kind: 'up', state: 'up', previous: 'down', at, downSince }),
    );
    await run.waitFor('alert delivered');
    const texts = run.receiver.requests.map((request) => JSON.parse(request.body).text as string);
    assert.equal(texts.length, 2, 'the failed attempt and its retry');
    for (const text of texts)
      assert.match(text, /^\*Website is up again\*\n.* after 3m down \(since 2026-11-29T10:00:00.000Z\)/);
    assert.equal(run.queue.size(), 0, 'the merged down left the queue with its up');
    assert.equal((run.lines.at(-1)!.fields as { merged?: number }).merged, 1);
    await run.close();
  });

  test('alerts older than the maximum age are dropped and logged at error', async () => {
    const run = await setUp('slack', undefined, { now: () => Date.now() + 7_200_000 });
    run.enqueue(makeAlertEvent());
    await run.waitFor('alert dropped: undelivered for too long');
    assert.equal(run.receiver.requests.length, 0);
    assert.equal(run.dispatcher.stats().dropped, 1);
    assert.equal(
      run.lines.find((line) => line.level === 'error')?.message,
      'alert dropped: undelivered for too long',
    );
    await run.close();
  });
});

describe('splitIntoMessages', () => {
  const row = (id: number, target: string, kind: 'down' | 'up') => ({
    id,
    channel: 'c',
    queuedAt: 0,
    event: makeAlertEvent({ target, kind }),
  });
  const shape = (messages: ReturnType<typeof splitIntoMessages>) =>
    messages.map((message) => message.map((r) => r.id));
  test('a target never appears twice in one round, so its down goes before its up', () => {
    const rows = [row(1, 'A', 'down'), row(2, 'B', 'down'), row(3, 'A', 'up'), row(4, 'C', 'down')];
    assert.deepEqual(shape(splitIntoMessages(rows, true)), [[1, 2]]);
    assert.deepEqual(shape(splitIntoMessages(rows, false)), [[1], [2]]);
  });
  test('kinds are grouped in order of first appearance', () => {
    const rows = [row(1, 'A', 'up'), row(2, 'B', 'down'), row(3, 'C', 'up')];
    assert.deepEqual(shape(splitIntoMessages(rows, true)), [[1, 3], [2]]);
  });
});

describe('alert queue', () => {
  test('what was queued is there after the file is reopened, in order', () => {
    const file = join(directory, 'reopen.db');
    const first: AlertQueue = openAlertQueue(file);
    first.add(
      [
        { channel: 'c', event: makeAlertEvent({ id: '1' }) },
        { channel: 'c', event: makeAlertEvent({ id: '2' }) },
      ],
      5,
    );
    first.close();
    const second = openAlertQueue(file);
    assert.deepEqual(
      second.head('c', 10).map((row) => [row.event.id, row.queuedAt]),
      [
        ['1', 5],
        ['2', 5],
      ],
    );
    second.close();
  });
});
