import { html } from 'htm/preact';
import type { PageExtras, PageMaintenance } from '../status/page-extras.ts';
import { formatClock, formatDay } from './format-text.ts';

/** `1 Dec 02:00 – 04:00 UTC`, or with both days when it spans midnight. */
export function formatPeriod(period: PageMaintenance): string {
  const start = Date.parse(period.start);
  const end = Date.parse(period.end);
  const sameDay = formatDay(start) === formatDay(end) && end - start < 86_400_000;
  const until = sameDay ? formatClock(end) : `${formatDay(end)} ${formatClock(end)}`;
  return `${formatDay(start)} ${formatClock(start)} - ${until} UTC`;
}

function Period({ period }: { period: PageMaintenance }) {
  return html`<li key=${`${period.title} ${period.start}`}>
    <h3>${period.title}</h3>
    <time datetime=${period.start}>${formatPeriod(period)}</time>
    ${period.targets ? html`<p>${`Affects ${period.targets.join(', ')}`}</p>` : html`<p>Affects all services</p>`}
    ${period.text ? html`<p>${period.text}</p>` : null}
  </li>`;
}

/**
 * Maintenance under way, shown prominently above the targets; planned windows of the coming
 * 7 days below them. Renders nothing for either when there is none.
 */
export function OngoingMaintenance({ maintenance }: { maintenance: PageExtras['maintenance'] }) {
  if (maintenance.ongoing.length === 0) return null;
  return html`<section class="maintenance ongoing" aria-labelledby="maintenance-now">
    <h2 id="maintenance-now">Maintenance in progress</h2>
    <ul>
      ${maintenance.ongoing.map((period) => html`<${Period} period=${period} />`)}
    </ul>
  </section>`;
}

/** Planned windows of the coming 7 days. */
export function UpcomingMaintenance({ maintenance }: { maintenance: PageExtras['maintenance'] }) {
  if (maintenance.upcoming.length === 0) return null;
  return html`<section class="maintenance" aria-labelledby="maintenance-next">
    <h2 id="maintenance-next">Planned maintenance</h2>
    <ul>
      ${maintenance.upcoming.map((period) => html`<${Period} period=${period} />`)}
    </ul>
  </section>`;
}
