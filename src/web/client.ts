import { hydrate } from 'preact';
import type { SignalGroup, SignalRecord, StatusResponse } from '../status/wire-types.ts';
import { html } from 'htm/preact';
import { connectLiveStatus, fetchStatusOverHttp, type LiveHandlers } from './live-status.ts';
import { unpackSnapshot, type PageSnapshot } from './page-snapshot.ts';
import { signalsUrl } from './recent-probes.ts';
import type { LiveExtras } from '../status/page-extras.ts';
import type { RecentIncident } from '../status/recent-incident.ts';
import { extrasScriptId, lazyGroupsFrom, pageRootId, StatusPage, statusScriptId } from './status-page.ts';

/** The whole snapshot, when the reader asks for cards on a page that opened with a first screen. */
async function loadStatus(): Promise<StatusResponse> {
  const answer = await fetchStatusOverHttp(undefined);
  if (!answer) throw new Error('no snapshot'); // a 304 only answers an ETag, and none was sent
  return answer.status;
}

/** The JSON answer at `url`; a failed request or an error status rejects. */
async function fetchJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return (await response.json()) as T;
}

/** The browser's way to the recent-probes panel: the tutorial's endpoint, one target. */
async function loadProbes(name: string): Promise<SignalRecord[]> {
  const groups = await fetchJson<SignalGroup[]>(signalsUrl(name));
  return groups.find((group) => group.target === name)?.records ?? [];
}

/**
 * One target's incidents from `from` on, for its daily bars older than the page's recent ones: one
 * request for the whole 90 days (500, the API's most, is more than 90 days of any sane target).
 */
async function loadIncidents(name: string, from: number): Promise<RecentIncident[]> {
  const url = `/api/incidents?limit=500&from=${from}&target=${encodeURIComponent(name)}`;
  return (await fetchJson<{ incidents: RecentIncident[] }>(url)).incidents;
}

// The server rendered the page from this same snapshot, so hydrating it changes nothing visible.
const snapshot = document.getElementById(statusScriptId)?.textContent;
const extras = document.getElementById(extrasScriptId)?.textContent;
const root = document.getElementById(pageRootId);
if (snapshot && extras && root) {
  const packed = JSON.parse(snapshot) as PageSnapshot;
  // a first screen drew the page; the older bars' figures and the cards come with the whole
  // snapshot, which is too big to parse without a long task from lazyGroupsFrom targets
  const partialStart = 'first_screen' in packed && packed.targets.length < lazyGroupsFrom;
  const connect = (handlers: LiveHandlers) => connectLiveStatus(handlers, { partialStart });
  hydrate(
    html`<${StatusPage}
      initial=${unpackSnapshot(packed)}
      extras=${JSON.parse(extras) as LiveExtras}
      connect=${connect}
      loadProbes=${loadProbes}
      loadIncidents=${loadIncidents}
      loadStatus=${loadStatus}
    />`,
    root,
  );
}
