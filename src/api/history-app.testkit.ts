import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from './app.ts';
import { createQuietEventHub } from './quiet-event-hub.testkit.ts';
import { checkedAgainstOpenApi } from './openapi-contract.testkit.ts';
import { readPublicFolder } from '../packaged/public-files.ts';
import { createStatusSummary } from '../summary/status-summary.ts';
import { createSqliteStore } from '../store/sqlite-store.ts';
import { createTarget } from '../config/read-target.ts';
import type { Signal } from '../signal.ts';

/**
 * Test support: the HTTP app over a fresh SQLite store holding `signals`, for the history routes
 * (`/api/signals` ranges, `/api/uptime`). `close` removes everything.
 */
export async function openHistoryApp(options: {
  targets: readonly string[];
  signals: readonly Signal[];
  retentionDays?: number;
}): Promise<{ app: ReturnType<typeof createApp>; close: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'upbeat-history-app-'));
  const store = createSqliteStore({ file: join(dir, 'upbeat.db') });
  await store.append(options.signals);
  const targets = options.targets.map((name) =>
    createTarget({
      name,
      url: 'https://example.com/',
      schedule: { kind: 'interval', everyMs: 60_000 },
      periodMs: 60_000,
    }),
  );
  const hub = createQuietEventHub();
  const app = checkedAgainstOpenApi(
    createApp({
      targets,
      store,
      summary: createStatusSummary({ config: { title: 'history', targets, region: 'eu' } }),
      hub,
      publicFiles: readPublicFolder(dir),
      page: { render: () => '', csp: "default-src 'none'" },
      readiness: () => ({ ready: true }),
      metrics: () => '',
      ...(options.retentionDays === undefined ? {} : { retentionDays: options.retentionDays }),
    }),
  );
  return {
    app,
    async close() {
      hub.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
