import { html } from 'htm/preact';
import type { RecentIncident } from '../status/recent-incident.ts';
import { reasonLabels } from '../signal-reasons.ts';
import { formatClock, formatDay } from './format-text.ts';

/** `3 min`, `2 h 5 min`, `1 d 4 h`: how long a closed incident lasted. */
export function formatDuration(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / 60_000)); // under a minute still reads as one
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  return hours % 24 ? `${Math.floor(hours / 24)} d ${hours % 24} h` : `${Math.floor(hours / 24)} d`;
}

/** Why it opened, in words: `HTTP 503` for an unexpected status, the reason's label otherwise. */
export function describeIncidentReason(incident: RecentIncident): string {
  if (incident.reason === null) return 'failing';
  if (incident.reason === 'status') return `HTTP ${incident.http_status}`;
  return reasonLabels[incident.reason];
}

/** "Recent incidents": one line per incident, newest first; a calm line when there were none. */
export function IncidentList({ incidents }: { incidents: readonly RecentIncident[] }) {
  return html`
    <section class="incidents" aria-labelledby="incidents">
      <h2 id="incidents">Recent incidents</h2>
      ${
        incidents.length === 0
          ? html`<p class="quiet">No incidents in the last 14 days.</p>`
          : html`<ul>
              ${incidents.map((incident) => {
                const start = Date.parse(incident.start);
                const end = incident.end === null ? null : Date.parse(incident.end);
                return html`<li
                  key=${`${incident.target} ${incident.start}`}
                  class=${`incident ${incident.severity}`}
                >
                  <strong>${incident.target}</strong>
                  <time datetime=${incident.start}>${`${formatDay(start)} ${formatClock(start)} UTC`}</time>
                  <span class="duration">${end === null ? 'ongoing' : formatDuration(end - start)}</span>
                  <span class="reason">${describeIncidentReason(incident)}</span>
                </li>`;
              })}
            </ul>`
      }
    </section>
  `;
}
