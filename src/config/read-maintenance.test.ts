import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readMaintenance } from './read-maintenance.ts';

const names = ['Website', 'API'];
const read = (value: unknown) => {
  const errors: string[] = [];
  return { windows: readMaintenance(value, names, errors), errors };
};

test('one-off and recurring windows are read, with their optional parts', () => {
  assert.deepEqual(
    read([
      {
        title: 'DB upgrade',
        text: 'Read-only meanwhile',
        start: '2026-12-01T02:00:00+01:00',
        end: '2026-12-01T04:00:00+01:00',
        targets: ['API'],
      },
      { title: 'Weekly', cron: '0 3 * * 0', duration: '1h', timezone: 'Europe/Berlin' },
    ]),
    {
      windows: [
        {
          title: 'DB upgrade',
          text: 'Read-only meanwhile',
          targets: ['API'],
          kind: 'once',
          start: Date.parse('2026-12-01T01:00:00Z'),
          end: Date.parse('2026-12-01T03:00:00Z'),
        },
        {
          title: 'Weekly',
          kind: 'recurring',
          cron: '0 3 * * 0',
          durationMs: 3_600_000,
          timezone: 'Europe/Berlin',
        },
      ],
      errors: [],
    },
  );
  assert.deepEqual(read(undefined), { windows: [], errors: [] });
});

const bad: [string, unknown, RegExp][] = [
  ['not a list', { title: 'x' }, /^maintenance: expected a list of windows/],
  [
    'end before start',
    [{ title: 'x', start: '2026-12-01T04:00:00Z', end: '2026-12-01T02:00:00Z' }],
    /^maintenance\[0\]\.end: must be after start/,
  ],
  [
    'end equal to start',
    [{ title: 'x', start: '2026-12-01T04:00:00Z', end: '2026-12-01T04:00:00Z' }],
    /^maintenance\[0\]\.end: must be after start/,
  ],
  [
    'a time without offset',
    [{ title: 'x', start: '2026-12-01T02:00:00', end: '2026-12-01T04:00:00Z' }],
    /^maintenance\[0\]\.start: expected an ISO 8601 time with an offset/,
  ],
  [
    'no title',
    [{ start: '2026-12-01T02:00:00Z', end: '2026-12-01T04:00:00Z' }],
    /^maintenance\[0\]\.title: expected non-empty text/,
  ],
  [
    'both kinds',
    [
      {
        title: 'x',
        start: '2026-12-01T02:00:00Z',
        end: '2026-12-01T04:00:00Z',
        cron: '0 3 * * 0',
        duration: '1h',
      },
    ],
    /^maintenance\[0\]: needs either start and end, or cron and duration/,
  ],
  ['neither kind', [{ title: 'x' }], /^maintenance\[0\]: needs either/],
  [
    'a bad cron',
    [{ title: 'x', cron: '61 * * * *', duration: '1h' }],
    /^maintenance\[0\]\.cron: invalid cron pattern/,
  ],
  [
    'a bad duration',
    [{ title: 'x', cron: '0 3 * * 0', duration: 'soon' }],
    /^maintenance\[0\]\.duration: expected a duration/,
  ],
  [
    'a bad zone',
    [{ title: 'x', cron: '0 3 * * 0', duration: '1h', timezone: 'Mars/Olympus' }],
    /^maintenance\[0\]\.timezone: unknown time zone/,
  ],
  [
    'an unknown target',
    [{ title: 'x', cron: '0 3 * * 0', duration: '1h', targets: ['Website', 'Nope'] }],
    /^maintenance\[0\]\.targets\[1\]: no target named "Nope"/,
  ],
  ['an unknown key', [{ title: 'x', cron: '0 3 * * 0', duration: '1h', tz: 'UTC' }], /^maintenance\[0\]\.tz/],
];
for (const [name, value, error] of bad) {
  test(`maintenance: ${name} is an error naming its place`, () => {
    const { windows, errors } = read(value);
    assert.deepEqual(windows, []);
    assert.match(errors[0] ?? '', error);
  });
}
