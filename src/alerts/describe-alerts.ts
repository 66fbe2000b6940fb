import { formatDuration } from '../config/duration.ts';
import type { AlertEvent, AlertKind } from './alert-event.ts';

// A chat message listing 200 targets is unreadable and overruns Discord's 4096-character embed.
const listedAtMost = 30;

const singleTitles: Record<AlertKind, string> = {
  down: 'is down',
  up: 'is up again',
  degraded: 'is degraded',
  recovered: 'has recovered',
  reminder: 'is still down',
  test: 'test notification',
};
const groupTitles: Record<AlertKind, string> = {
  down: 'are down',
  up: 'are up again',
  degraded: 'are degraded',
  recovered: 'have recovered',
  reminder: 'are still down',
  test: 'test notifications',
};

/** The human words for a group of same-kind events: a title and one line per target (capped). */
export function describeAlerts(events: readonly AlertEvent[]): {
  title: string;
  lines: string[];
  text: string;
} {
  const first = events[0]!;
  const title =
    first.kind === 'test'
      ? 'upbeat test notification: this channel works'
      : events.length === 1
        ? `${first.target} ${singleTitles[first.kind]}`
        : `${events.length} targets ${groupTitles[first.kind]}`;
  const lines = events.slice(0, listedAtMost).map(describeEvent);
  if (events.length > listedAtMost) lines.push(`… and ${events.length - listedAtMost} more`);
  if (first.page) lines.push(`Status page: ${first.page}`);
  return { title, lines, text: [title, ...lines].join('\n') };
}

/** One target's line: what, why, since when, where. */
export function describeEvent(event: AlertEvent): string {
  const at = new Date(event.at).toISOString();
  const head = `${event.target} (${event.url})`;
  const where = `region ${event.region}`;
  switch (event.kind) {
    case 'up':
      return event.downSince === undefined
        ? `${head} is ${event.state} again at ${at}, ${where}`
        : `${head} is ${event.state} again after ${formatDuration(roundToSeconds(event.at - event.downSince))} down (since ${new Date(event.downSince).toISOString()}), ${where}`;
    case 'recovered':
      return `${head} is up again at ${at}, ${where}`;
    case 'test':
      return `sent at ${at} by upbeat, ${where}`;
    default: {
      const since = event.kind === 'reminder' && event.downSince !== undefined ? event.downSince : event.at;
      return `${head} is ${event.state}: ${describeReason(event)} since ${new Date(since).toISOString()}, ${where}`;
    }
  }
}

function describeReason(event: AlertEvent): string {
  const parts = [event.reason ?? 'unknown reason'];
  if (event.httpStatus !== -1) parts.push(`HTTP ${event.httpStatus}`);
  if (event.detail) parts.push(event.detail);
  return parts.join(', ');
}

function roundToSeconds(ms: number): number {
  return Math.max(1000, Math.round(ms / 1000) * 1000);
}
