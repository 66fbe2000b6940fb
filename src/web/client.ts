import { hydrate } from 'preact';
import type { SignalGroup, SignalRecord, StatusResponse } from '../status/wire-types.ts';
import { html } from 'htm/preact';
import { connectLiveStatus } from './live-status.ts';
import { unpackSnapshot, type PageSnapshot } from './page-snapshot.ts';
import { signalsUrl } from './recent-probes.ts';
import type { LiveExtras } from '../status/page-extras.ts';
import { extrasScriptId, pageRootId, StatusPage, statusScriptId } from './status-page.ts';

/** The browser's way to the recent-probes panel: the tutorial's endpoint, one target. */
async function loadProbes(name: string): Promise<SignalRecord[]> {
  const response = await fetch(signalsUrl(name));
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const groups = (await response.json()) as SignalGroup[];
  return groups.find((group) => group.target === name)?.records ?? [];
}

// The server rendered the page from this same snapshot, so hydrating it changes nothing visible.
const snapshot = document.getElementById(statusScriptId)?.textContent;
const extras = document.getElementById(extrasScriptId)?.textContent;
const root = document.getElementById(pageRootId);
if (snapshot && extras && root) {
  const initial = unpackSnapshot(JSON.parse(snapshot) as PageSnapshot);
  hydrate(
    html`<${StatusPage}
      initial=${initial}
      extras=${JSON.parse(extras) as LiveExtras}
      connect=${connectLiveStatus}
      loadProbes=${loadProbes}
    />`,
    root,
  );
}
