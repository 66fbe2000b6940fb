import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { Signal } from '../src/signal.ts';
import { buildSignal, fixtureReceived } from '../src/signal-fixture.testkit.ts';
import { encodeSignalRow, toIlpLine } from '../src/store/questdb/ilp-encode.ts';
import { createIlpTcpWriter } from '../src/store/questdb/ilp-tcp-writer.ts';
import { openOutbox } from '../src/store/questdb/outbox.ts';

const wireSignals = 200_000; // enough for the rate to settle past connection set-up
const outboxSignals = 20_000; // a few seconds of work on a slow disk
const batchRows = 1_000; // the relay's default batch

const timedOut: Partial<Signal> = { httpStatus: -1, available: false, state: 'down', reason: 'timeout' };

function makeSignal(i: number): Signal {
  return buildSignal({
    received: fixtureReceived + i,
    target: `target ${i % 50}, "eu"`,
    region: 'eu-west',
    url: `https://example.com/health?id=${i % 50}`,
    latencyMs: (i % 1_000) / 4,
    ...(i % 97 === 0 && timedOut),
  });
}

/** Signals encoded and written per second over loopback TCP to a sink that only counts bytes. */
async function measureWire(): Promise<{ signalsPerSecond: number; megabytesPerSecond: number }> {
  let received = 0;
  let expected = Infinity;
  let allArrived: () => void = () => {};
  const arrived = new Promise<void>((resolve) => (allArrived = resolve));
  const sink = createServer((socket) =>
    socket.on('data', (chunk) => {
      received += chunk.length;
      if (received >= expected) allArrived();
    }),
  ).listen(0, '127.0.0.1');
  await once(sink, 'listening');
  const writer = createIlpTcpWriter({ host: '127.0.0.1', port: (sink.address() as AddressInfo).port });
  const signals = Array.from({ length: wireSignals }, (_, i) => makeSignal(i));
  let bytes = 0;
  const started = performance.now();
  for (let from = 0; from < signals.length; from += batchRows) {
    const payload = signals
      .slice(from, from + batchRows)
      .map((s) => toIlpLine('signals', encodeSignalRow(s)))
      .join('');
    bytes += Buffer.byteLength(payload);
    await writer.send(payload);
  }
  expected = bytes;
  if (received < expected) await arrived;
  const seconds = (performance.now() - started) / 1_000;
  await writer.close();
  sink.close();
  return { signalsPerSecond: wireSignals / seconds, megabytesPerSecond: bytes / 1e6 / seconds };
}

/** What the outbox adds per signal: one append transaction, then its share of a batch claim and confirm-delete. */
function measureOutbox(): number {
  const dir = mkdtempSync(join(tmpdir(), 'upbeat-bench-outbox-'));
  const outbox = openOutbox({ file: join(dir, 'bench.db'), maxRows: 1_000_000 });
  try {
    const entries = Array.from({ length: outboxSignals }, (_, i) => {
      const s = makeSignal(i);
      const { region, received, target } = s;
      return { stream: 'signals' as const, region, received, target, line: encodeSignalRow(s) };
    });
    const started = performance.now();
    for (const entry of entries) outbox.add([entry]); // the prober appends one signal at a time
    for (
      let claimed = outbox.claimUnsent(batchRows, 1);
      claimed.length > 0;
      claimed = outbox.claimUnsent(batchRows, 1)
    ) {
      outbox.removeConfirmed(claimed);
    }
    const micros = ((performance.now() - started) * 1_000) / outboxSignals;
    if (outbox.size() !== 0) throw new Error('bench: the outbox did not empty');
    return micros;
  } finally {
    outbox.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** ILP encode+write throughput to a local TCP sink, and the outbox's cost per signal. */
export async function benchIlp(): Promise<Record<string, number>> {
  const wire = await measureWire();
  return {
    'ilp encode+write signals/s': Math.round(wire.signalsPerSecond),
    'ilp encode+write MB/s': Math.round(wire.megabytesPerSecond * 10) / 10,
    'outbox append+confirm-delete µs/signal': Math.round(measureOutbox() * 10) / 10,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const [name, value] of Object.entries(await benchIlp())) console.log(`${name}: ${value}`);
}
