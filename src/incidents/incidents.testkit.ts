import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import type { Transition } from '../check/target-state.ts';
import type { ProbeEvent } from '../probe-event.ts';
import type { Observation } from '../probe/observation.ts';
import { buildSignal } from '../signal-fixture.testkit.ts';
import { createSqliteStore } from '../store/sqlite-store.ts';
import type { Signal } from '../signal.ts';

/** Test support: a fresh SQLite store in a temp directory removed (and the store closed) when the test ends. */
export async function openTempStore(t: TestContext) {
  const dir = await mkdtemp(join(tmpdir(), 'upbeat-incidents-'));
  const store = createSqliteStore({ file: join(dir, 'upbeat.db') });
  t.after(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });
  return store;
}

/** Test support: the probe event of `signal`, with `transition` (from -> to) or none. */
export function probeEvent(signal: Partial<Signal>, transition: Transition | null = null): ProbeEvent {
  return { signal: buildSignal(signal), observation: {} as Observation, transition, detail: null };
}
