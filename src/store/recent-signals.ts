import { assembleSignal } from '../signal-columns.ts';
import type { Signal } from '../signal.ts';
import { compareText } from './signal-order.ts';
import type { Store } from './store.ts';

/** What `/api/signals` asks of the newest signals: `limit` per target, of one target or all. */
export interface RecentQuery {
  readonly limit: number;
  readonly target?: string;
}

/** Orders one target's signals as the stores return them: by time, ties by region. */
function compareWithinTarget(a: Signal, b: Signal): number {
  return a.received - b.received || compareText(a.region, b.region);
}

/**
 * The newest signals of each target, in memory, so `/api/signals` without a range answers without
 * reading the store. It holds at most `budget` signals in all (the row budget of one response):
 * `keep` per target is the budget split over the targets it knows, so 20,000 targets keep one each
 * instead of hundreds of MB. Each target's list holds its newest `min(stored, keep)` signals, which
 * is what makes an answer exact: a query it cannot answer exactly (`limit` over `keep` for a target
 * with more stored, or before the warm-up read the store) gets `undefined`, and the caller reads
 * the store.
 *
 * Exact only for a store no one else writes (the SQLite file): a shared QuestDB table holds other
 * instances' signals that never pass through `add`.
 */
export function createRecentSignals(options: {
  /** Most signals held in all. */
  budget: number;
  /** How many targets to plan for before the warm-up has counted those in the store. */
  expectedTargets: number;
  /** Most signals held per target, however few targets share the budget (default: no such cap). */
  perTarget?: number;
}) {
  const lists = new Map<string, Signal[]>();
  let names: string[] | undefined; // the keys in code point order, rebuilt when a target comes or goes
  const share = (targets: number) =>
    Math.max(
      1,
      Math.min(options.perTarget ?? options.budget, Math.floor(options.budget / Math.max(1, targets))),
    );
  let keep = share(options.expectedTargets);
  let warmed = false;
  let version = 0;

  /** Lowers `keep` (never raises it: the signals past it are gone) when more targets share the budget. */
  function fitBudget(): void {
    const fair = share(lists.size);
    if (fair >= keep) return;
    keep = fair;
    for (const list of lists.values()) if (list.length > keep) list.splice(0, list.length - keep);
  }

  /** Inserts in order; a signal already held (same time and region) stays as it was, as the store's INSERT OR IGNORE. */
  function insert(signal: Signal): void {
    let list = lists.get(signal.target);
    if (!list) {
      list = [];
      lists.set(signal.target, list);
      names = undefined;
      fitBudget();
    }
    const last = list[list.length - 1];
    if (!last || compareWithinTarget(last, signal) < 0) list.push(signal);
    else {
      let low = 0;
      let high = list.length;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if (compareWithinTarget(list[middle]!, signal) < 0) low = middle + 1;
        else high = middle;
      }
      if (low < list.length && compareWithinTarget(list[low]!, signal) === 0) return;
      list.splice(low, 0, signal);
    }
    if (list.length > keep) list.shift();
    version += 1;
  }

  return {
    /**
     * Reads what the store holds: first one signal per target to count them and size `keep`, then
     * `keep` per target. Signals added meanwhile merge in (same identity: kept once).
     */
    async warm(store: Pick<Store, 'readSignals'>): Promise<void> {
      for (const signal of await store.readSignals({ limit: 1 })) insert(signal);
      for (const signal of await store.readSignals({ limit: keep })) insert(signal);
      warmed = true;
      version += 1;
    },
    /**
     * A signal the store has accepted, in the shape a store read gives back (every column present,
     * absent ones null), so an answer from memory serializes as one from the store.
     */
    add(signal: Signal): void {
      insert(assembleSignal(({ property }) => signal[property] ?? null));
    },
    /** Drops signals older than `before`, after the store pruned them. */
    forget(before: number): void {
      for (const [name, list] of lists) {
        const stale = list.findIndex((signal) => signal.received >= before);
        if (stale === 0) continue;
        if (stale === -1) {
          lists.delete(name);
          names = undefined;
        } else list.splice(0, stale);
        version += 1;
      }
    },
    /** Whether `read` can answer exactly what the store would. */
    covers({ limit, target }: RecentQuery): boolean {
      if (!warmed) return false;
      if (limit <= keep) return true;
      const asked = target === undefined ? [...lists.values()] : [lists.get(target) ?? []];
      // a list shorter than `keep` holds every signal its target has
      return asked.every((list) => list.length < keep);
    },
    /** Per target (code point order), its newest `limit` signals, oldest first: the store's `readSignals`. */
    read({ limit, target }: RecentQuery): Signal[] {
      if (target !== undefined) return (lists.get(target) ?? []).slice(-limit);
      names ??= [...lists.keys()].sort(compareText);
      return names.flatMap((name) => lists.get(name)!.slice(-limit));
    },
    /** Whether any signal of `target` is held. */
    has: (target: string): boolean => lists.has(target),
    /** Grows with every change. */
    version: (): number => version,
    /** Sizes, for tests and /metrics. */
    stats: () => ({
      keep,
      targets: lists.size,
      signals: [...lists.values()].reduce((sum, list) => sum + list.length, 0),
    }),
  };
}

/** The newest signals in memory (see createRecentSignals). */
export type RecentSignals = ReturnType<typeof createRecentSignals>;
