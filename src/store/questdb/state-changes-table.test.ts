import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixtureReceived } from '../../signal-fixture.testkit.ts';
import {
  createStateChangesStatement,
  encodeStateChangeRow,
  stateChangesTableName,
  toStateChange,
} from './state-changes-table.ts';
import type { StateChange } from '../../incidents/state-change.ts';

const opening: StateChange = {
  received: fixtureReceived,
  target: 'web, "a"=b',
  region: 'eu west',
  from: 'up',
  to: 'down',
  reason: 'status',
  httpStatus: 503,
  incidentStart: fixtureReceived,
};

test('the state changes table is named after the signals table and deduplicates on the row identity', () => {
  assert.equal(stateChangesTableName('signals'), 'signals_state_changes');
  const statement = createStateChangesStatement('signals_state_changes', 400);
  assert.match(statement, /^CREATE TABLE IF NOT EXISTS signals_state_changes \(/);
  assert.match(
    statement,
    /TIMESTAMP\(received\) PARTITION BY DAY TTL 400 DAYS WAL\s+DEDUP UPSERT KEYS\(received, target, region\);$/,
  );
});

test('a state change encodes as one ILP row: escaped symbols, typed fields, ns timestamp', () => {
  assert.equal(
    encodeStateChangeRow(opening),
    `,target=web\\,\\ "a"\\=b,region=eu\\ west,from_state=up,to_state=down http_status=503i,reason="status",incident_start=${fixtureReceived}000t ${fixtureReceived}000000`,
  );
  // Nothing null is written: the column reads back NULL.
  assert.equal(
    encodeStateChangeRow({
      ...opening,
      from: 'unknown',
      to: 'up',
      reason: null,
      httpStatus: 200,
      incidentStart: null,
    }),
    `,target=web\\,\\ "a"\\=b,region=eu\\ west,from_state=unknown,to_state=up http_status=200i ${fixtureReceived}000000`,
  );
});

test('a row read back over PG wire is the state change again', () => {
  const row = {
    received: new Date(opening.received),
    target: opening.target,
    region: opening.region,
    from_state: opening.from,
    to_state: opening.to,
    reason: opening.reason,
    http_status: opening.httpStatus,
    incident_start: new Date(fixtureReceived),
  };
  assert.deepEqual(toStateChange(row), opening);
  assert.deepEqual(toStateChange({ ...row, reason: null, incident_start: null }), {
    ...opening,
    reason: null,
    incidentStart: null,
  });
});
