import type { TargetStatus } from '../status/wire-types.ts';

/** How the reader looks at the targets: a text filter, only the broken ones, and the layout. */
export interface PageView {
  /** Matches a target's name or group, ignoring case; empty shows all. */
  readonly query: string;
  /** Only targets that are not up (down, degraded, or not probed yet). */
  readonly problemsOnly: boolean;
  /** Compact rows, cards, or null for the default by count (compactFrom). */
  readonly compact: boolean | null;
}

/** From this many targets the page starts in compact rows: 20 cards are already several screens. */
export const compactFrom = 20;

/** The view of a plain link: everything, in the layout the count suggests. */
export const defaultView: PageView = { query: '', problemsOnly: false, compact: null };

/** The view a URL's query asks for (`?q=api&problems=1&layout=compact`); unknown values are ignored. */
export function readView(search: string): PageView {
  const params = new URLSearchParams(search);
  const layout = params.get('layout');
  return {
    query: (params.get('q') ?? '').trim(),
    problemsOnly: params.get('problems') === '1',
    compact: layout === 'compact' ? true : layout === 'cards' ? false : null,
  };
}

/** The query string for a view (empty for the default view), so a link can point at it. */
export function writeView(view: PageView): string {
  const params = new URLSearchParams();
  if (view.query) params.set('q', view.query);
  if (view.problemsOnly) params.set('problems', '1');
  if (view.compact !== null) params.set('layout', view.compact ? 'compact' : 'cards');
  const search = params.toString();
  return search ? `?${search}` : '';
}

/** Whether the page shows compact rows for this many targets. */
export function isCompact(view: PageView, count: number): boolean {
  return view.compact ?? count >= compactFrom;
}

/** The targets the view shows, in their order. */
export function filterTargets(targets: readonly TargetStatus[], view: PageView): readonly TargetStatus[] {
  const query = view.query.toLowerCase();
  if (!query && !view.problemsOnly) return targets;
  return targets.filter(
    (target) =>
      (!view.problemsOnly || target.state !== 'up') &&
      (!query ||
        target.name.toLowerCase().includes(query) ||
        (target.group?.toLowerCase().includes(query) ?? false)),
  );
}

/** The id of a target's row, which the banner's links point at. */
export function targetAnchor(name: string): string {
  return `target-${encodeURIComponent(name)}`;
}
