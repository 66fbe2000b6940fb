import type { Announcement } from '../announcements/announcement.ts';
import type { MaintenancePeriod } from '../maintenance/maintenance-window.ts';
import type { RecentIncident } from '../status/recent-incident.ts';
import { describeIncidentReason, formatDuration } from '../web/incident-list.ts';
import { formatClock, formatDay } from '../web/format-text.ts';
import { escapeXml, stableId } from './atom-xml.ts';

const dayMs = 86_400_000;
/** A planned window enters the feed this long before it starts (the page's look-ahead). */
const lookAheadMs = 7 * dayMs;

/** What the feed is made of. */
export interface FeedInput {
  readonly title: string;
  /** The status page's public URL: entries link to it when set. */
  readonly pageUrl?: string;
  /** This instance's region: part of each incident's id. */
  readonly region: string;
  readonly incidents: readonly RecentIncident[];
  readonly maintenance: readonly MaintenancePeriod[];
  readonly announcements: readonly Announcement[];
}

interface Entry {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly published: number;
  readonly updated: number;
}

const when = (at: number) => `${formatDay(at)} ${formatClock(at)} UTC`;

function incidentEntry(incident: RecentIncident, region: string): Entry {
  const start = Date.parse(incident.start);
  const end = incident.end === null ? null : Date.parse(incident.end);
  const state = incident.severity === 'major' ? 'down' : 'degraded';
  const opened = `Started ${when(start)}: ${describeIncidentReason(incident)}.`;
  return {
    id: stableId(`incident ${region} ${incident.target} ${incident.start}`),
    title:
      end === null
        ? `${incident.target} is ${state}`
        : `Resolved: ${incident.target} was ${state} for ${formatDuration(end - start)}`,
    summary: end === null ? opened : `${opened} Resolved ${when(end)}.`,
    published: start,
    updated: end ?? start,
  };
}

function maintenanceEntry(period: MaintenancePeriod): Entry {
  const affects = period.targets ? `Affects ${period.targets.join(', ')}.` : 'Affects all services.';
  return {
    id: stableId(`maintenance ${period.title} ${period.start}`),
    title: `Maintenance: ${period.title}`,
    summary: [`${when(period.start)} to ${when(period.end)}.`, affects, period.text]
      .filter(Boolean)
      .join(' '),
    // when it entered the look-ahead: fixed for the occurrence, so the feed's ETag stays put
    published: period.start - lookAheadMs,
    updated: period.start - lookAheadMs,
  };
}

function announcementEntry(announcement: Announcement): Entry {
  const date = Date.parse(announcement.date);
  const resolved = announcement.resolved_at === null ? null : Date.parse(announcement.resolved_at);
  const severity = { info: 'Notice', warning: 'Warning', outage: 'Outage' }[announcement.severity];
  return {
    id: stableId(`announcement ${announcement.date} ${announcement.title}`),
    title: `${resolved === null ? severity : 'Resolved'}: ${announcement.title}`,
    summary: [announcement.text, resolved === null ? null : `Resolved ${when(resolved)}.`]
      .filter(Boolean)
      .join(' '),
    published: date,
    updated: resolved ?? date,
  };
}

/**
 * The Atom 1.0 feed of incidents (opened, then resolved: one entry whose `updated` moves), planned
 * maintenance and announcements, newest update first. Everything from names or config is escaped,
 * and characters XML cannot carry are replaced, so no target name can break it.
 */
export function renderAtomFeed(input: FeedInput): string {
  const entries = [
    ...input.incidents.map((incident) => incidentEntry(incident, input.region)),
    ...input.maintenance.map(maintenanceEntry),
    ...input.announcements.map(announcementEntry),
  ].sort((a, b) => b.updated - a.updated || (a.id < b.id ? -1 : 1));
  const iso = (at: number) => new Date(at).toISOString();
  const link = (rel: string, href: string) => `<link rel="${rel}" href="${escapeXml(href)}"/>`;
  const page = input.pageUrl ? link('alternate', input.pageUrl) : '';
  // no entries: the epoch, so an empty feed is stable too
  const updated = entries[0]?.updated ?? 0;
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `<id>${escapeXml(input.pageUrl ? new URL('feed.atom', input.pageUrl).href : stableId(`feed ${input.title}`))}</id>`,
    `<title>${escapeXml(input.title)}</title>`,
    `<updated>${iso(updated)}</updated>`,
    `<author><name>${escapeXml(input.title)}</name></author>`,
    input.pageUrl ? link('self', new URL('feed.atom', input.pageUrl).href) : '',
    page,
    ...entries.map(
      (entry) =>
        `<entry><id>${entry.id}</id><title>${escapeXml(entry.title)}</title>` +
        `<published>${iso(entry.published)}</published><updated>${iso(entry.updated)}</updated>` +
        `${page}<summary type="text">${escapeXml(entry.summary)}</summary></entry>`,
    ),
    '</feed>',
    '',
  ]
    .filter((line) => line !== '')
    .join('\n');
}
