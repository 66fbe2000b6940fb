import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEventHub, type EventHubOptions, type EventStream } from './event-hub.ts';

/** A stream that keeps what it was sent; `behind` plays a reader that stopped reading. */
class RecordingStream implements EventStream {
  readonly chunks: Buffer[] = [];
  writableLength = 0;
  state: 'open' | 'ended' | 'destroyed' = 'open';
  onWrite: (() => void) | undefined;
  write(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.onWrite?.();
  }
  destroy(): void {
    this.state = 'destroyed';
  }
  end(): void {
    this.state = 'ended';
  }
  get text(): string {
    return Buffer.concat(this.chunks).toString();
  }
}

const hour = 3_600_000; // timers never fire during a test: flush() is called by hand

function startHub(options: Partial<EventHubOptions> = {}) {
  const described: string[][] = [];
  const hub = createEventHub({
    describe: (names) => {
      described.push([...names]);
      return JSON.stringify({ targets: names });
    },
    intervalMs: hour,
    heartbeatMs: hour,
    maxStreams: 10,
    ...options,
  });
  return { hub, described };
}

test('event hub: changes between two flushes go out as one event, built once for every stream', () => {
  const { hub, described } = startHub();
  const first = new RecordingStream();
  const second = new RecordingStream();
  hub.add(first);
  hub.add(second);
  hub.markChanged('API');
  hub.markChanged('Website');
  hub.markChanged('API');
  hub.flush();
  assert.deepEqual(described, [['API', 'Website']]);
  assert.equal(first.text, 'event: targets\ndata: {"targets":["API","Website"]}\n\n');
  assert.equal(first.chunks[0], second.chunks[0], 'the same bytes, not a copy per stream');
  hub.flush();
  assert.equal(first.chunks.length, 1, 'nothing changed, nothing sent');
  assert.deepEqual(hub.stats(), { sent: 1, dropped: 0, refused: 0 });
  hub.close();
});

test('event hub: a state change goes out without waiting for the tick, in one message with the incidents (the latest list only)', async () => {
  const { hub, described } = startHub();
  hub.send('incidents', '[]'); // no stream yet: nothing is kept for later
  const first = new RecordingStream();
  const second = new RecordingStream();
  hub.add(first);
  hub.add(second);
  hub.markChanged('API');
  hub.markStateChanged('Website');
  hub.send('incidents', '[]');
  hub.send('incidents', '[{"target":"Website"}]');
  await new Promise<void>((resolve) => (first.onWrite = resolve)); // the tick is an hour away
  assert.deepEqual(described, [['API', 'Website']]);
  assert.equal(
    first.text,
    'event: targets\ndata: {"targets":["API","Website"]}\n\nevent: incidents\ndata: [{"target":"Website"}]\n\n',
  );
  assert.equal(first.chunks[0], second.chunks[0], 'serialized once');
  assert.deepEqual(hub.stats(), { sent: 1, dropped: 0, refused: 0 });
  hub.close();
});

test('event hub: an ordinary change waits for the tick; a state change takes it along at once, at most four times an interval', async () => {
  const { hub } = startHub();
  const stream = new RecordingStream();
  hub.add(stream);
  // a 0 ms timer set after the hub's: it runs after a prompt flush would have
  const laterTurn = () => new Promise((resolve) => setTimeout(resolve, 0));
  hub.markChanged('API');
  await laterTurn();
  assert.equal(stream.chunks.length, 0);
  hub.markStateChanged('Website');
  await laterTurn();
  assert.equal(stream.text, 'event: targets\ndata: {"targets":["API","Website"]}\n\n');
  hub.markStateChanged('Mirror');
  await laterTurn();
  assert.equal(stream.chunks.length, 1, 'the next prompt one waits a quarter interval (an outage storm)');
  hub.close();
});

test('event hub: an update to many streams is written over several turns; changes meanwhile follow right after it', async () => {
  const { hub } = startHub({ maxStreams: 1_000 });
  const streams = Array.from({ length: 600 }, () => new RecordingStream());
  for (const stream of streams) hub.add(stream);
  hub.markChanged('API');
  hub.flush();
  hub.markChanged('Website');
  hub.flush(); // 'API' is still on its way: 'Website' goes out once it is done, nothing queues up
  hub.markChanged('Mirror');
  assert.equal(hub.stats().sent, 1);
  const written = () => streams.filter((stream) => stream.chunks.length > 0).length;
  assert.ok(written() < streams.length, 'not all in the turn that flushed');
  hub.remove(streams.at(-1)!); // leaves before its turn: it gets nothing more
  while (streams.slice(0, -1).some((stream) => stream.chunks.length < 2))
    await new Promise((resolve) => setImmediate(resolve));
  for (const stream of streams.slice(0, -1)) {
    assert.match(
      stream.text,
      /^event: targets\ndata: \{"targets":\["API"\]\}\n\nevent: targets\ndata: \{"targets":\["Website","Mirror"\]\}\n\n$/,
    );
  }
  assert.equal(streams.at(-1)!.chunks.length, 0);
  assert.equal(hub.stats().sent, 2);
  hub.close();
});

test('event hub: with nobody watching, changes are neither built nor kept', () => {
  const { hub, described } = startHub();
  hub.markChanged('API');
  hub.flush();
  const late = new RecordingStream();
  hub.add(late);
  hub.flush();
  assert.deepEqual(described, []);
  assert.equal(late.chunks.length, 0);
  hub.close();
});

test('event hub: a stream too far behind is closed, the others go on', () => {
  const { hub } = startHub({ maxBufferedBytes: 100 });
  const slow = new RecordingStream();
  const fast = new RecordingStream();
  hub.add(slow);
  hub.add(fast);
  slow.writableLength = 101;
  hub.markChanged('API');
  hub.flush();
  assert.equal(slow.state, 'destroyed');
  assert.equal(slow.chunks.length, 0);
  assert.equal(fast.chunks.length, 1);
  assert.equal(hub.size, 1);
  assert.equal(hub.stats().dropped, 1);
  hub.close();
});

test('event hub: past maxStreams new streams are refused; a leaving one makes room', () => {
  const { hub } = startHub({ maxStreams: 2 });
  const streams = [new RecordingStream(), new RecordingStream(), new RecordingStream()];
  assert.deepEqual(
    streams.map((stream) => hub.add(stream)),
    [true, true, false],
  );
  assert.equal(hub.hasRoom(), false);
  hub.remove(streams[0]!);
  assert.equal(hub.hasRoom(), true);
  assert.equal(hub.stats().refused, 1);
  hub.close();
});

test('event hub: close ends every stream and refuses new ones', () => {
  const { hub } = startHub();
  const open = new RecordingStream();
  hub.add(open);
  hub.close();
  assert.equal(open.state, 'ended');
  assert.equal(hub.size, 0);
  assert.equal(hub.add(new RecordingStream()), false);
});

test('event hub: heartbeats are SSE comments, sent to every stream', async () => {
  const { hub } = startHub({ heartbeatMs: 1 });
  const stream = new RecordingStream();
  hub.add(stream);
  await new Promise<void>((resolve) => (stream.onWrite = resolve));
  hub.close();
  assert.equal(stream.text.slice(0, 3), ':\n\n');
});
