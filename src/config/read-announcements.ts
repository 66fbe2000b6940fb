import { announcementSeverities, type Announcement } from '../announcements/announcement.ts';
import { describeValue, joinPath, readChoice, readMapping, readText } from './read-fields.ts';
import { readInstant } from './read-instant.ts';

const keys = ['title', 'text', 'severity', 'date', 'resolvedAt'];

/**
 * The top-level `announcements` list: dated notices with a `title`, optional `text`, a `severity`
 * (info, warning, outage) and an optional `resolvedAt`; newest first, as the page shows them.
 * Plain text: the page escapes it like any other text.
 */
export function readAnnouncements(value: unknown, errors: string[]): Announcement[] {
  if (value == null) return [];
  if (!Array.isArray(value)) {
    errors.push(`announcements: expected a list of announcements, got ${describeValue(value)}`);
    return [];
  }
  const read = value.flatMap((entry, index) => {
    const path = `announcements[${index}]`;
    const before = errors.length;
    const raw = readMapping(entry, path, keys, errors);
    if (!raw) return [];
    const title = readText(raw.title, joinPath(path, 'title'), errors);
    const text = raw.text === undefined ? null : (readText(raw.text, joinPath(path, 'text'), errors) ?? null);
    const severity = readChoice(raw.severity, joinPath(path, 'severity'), announcementSeverities, errors);
    const date = readInstant(raw.date, joinPath(path, 'date'), errors);
    const resolved =
      raw.resolvedAt === undefined
        ? undefined
        : readInstant(raw.resolvedAt, joinPath(path, 'resolvedAt'), errors);
    if (date !== undefined && resolved !== undefined && resolved < date)
      errors.push(
        `${joinPath(path, 'resolvedAt')}: must not be before date, got ${describeValue(raw.resolvedAt)}`,
      );
    if (errors.length > before) return [];
    return [
      {
        title: title!,
        text,
        severity: severity!,
        date: new Date(date!).toISOString(),
        resolved_at: resolved === undefined ? null : new Date(resolved).toISOString(),
      },
    ];
  });
  return read.sort((a, b) => Date.parse(b.date) - Date.parse(a.date));
}
