import { html } from 'htm/preact';
import type { Announcement } from '../announcements/announcement.ts';
import { formatClock, formatDay } from './format-text.ts';

/**
 * Announcements at the top of the page, newest first: standing ones open, resolved ones collapsed
 * to their title. Text from the config is rendered as text, never as markup.
 */
export function AnnouncementList({ announcements }: { announcements: readonly Announcement[] }) {
  if (announcements.length === 0) return null;
  return html`<section class="announcements" aria-label="Announcements">
    ${announcements.map((announcement) => {
      const key = `${announcement.date} ${announcement.title}`;
      const classes = `announcement ${announcement.severity}`;
      const at = Date.parse(announcement.date);
      const posted = html`<time datetime=${announcement.date}
        >${`${formatDay(at)} ${formatClock(at)} UTC`}</time
      >`;
      const text = announcement.text ? html`<p>${announcement.text}</p>` : null;
      if (announcement.resolved_at === null)
        return html`<article key=${key} class=${classes}>
          <h2>${announcement.title}</h2>
          ${posted} ${text}
        </article>`;
      const resolved = Date.parse(announcement.resolved_at);
      return html`<details key=${key} class=${`${classes} resolved`}>
        <summary>${`Resolved: ${announcement.title}`}</summary>
        ${posted}
        <time datetime=${announcement.resolved_at}
          >${` resolved ${formatDay(resolved)} ${formatClock(resolved)} UTC`}</time
        >
        ${text}
      </details>`;
    })}
  </section>`;
}
