import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readAnnouncements } from './read-announcements.ts';

const read = (value: unknown) => {
  const errors: string[] = [];
  return { announcements: readAnnouncements(value, errors), errors };
};

test('announcements are read newest first, times normalised to UTC', () => {
  assert.deepEqual(
    read([
      {
        title: 'Old',
        severity: 'info',
        date: '2026-11-01T10:00:00+01:00',
        resolvedAt: '2026-11-01T12:00:00+01:00',
      },
      { title: '<script>x</script>', text: 'Details', severity: 'Outage', date: '2026-11-27T10:00:00Z' },
    ]),
    {
      announcements: [
        {
          title: '<script>x</script>',
          text: 'Details',
          severity: 'outage',
          date: '2026-11-27T10:00:00.000Z',
          resolved_at: null,
        },
        {
          title: 'Old',
          text: null,
          severity: 'info',
          date: '2026-11-01T09:00:00.000Z',
          resolved_at: '2026-11-01T11:00:00.000Z',
        },
      ],
      errors: [],
    },
  );
});

const bad: [string, unknown, RegExp][] = [
  ['not a list', 'hello', /^announcements: expected a list/],
  ['no title', [{ severity: 'info', date: '2026-11-27T10:00:00Z' }], /^announcements\[0\]\.title:/],
  [
    'a bad severity',
    [{ title: 'x', severity: 'panic', date: '2026-11-27T10:00:00Z' }],
    /^announcements\[0\]\.severity: expected one of info, warning, outage/,
  ],
  [
    'no date',
    [{ title: 'x', severity: 'info' }],
    /^announcements\[0\]\.date: expected an ISO 8601 time with an offset/,
  ],
  [
    'resolved before posted',
    [{ title: 'x', severity: 'info', date: '2026-11-27T10:00:00Z', resolvedAt: '2026-11-27T09:00:00Z' }],
    /^announcements\[0\]\.resolvedAt: must not be before date/,
  ],
  [
    'an unknown key',
    [{ title: 'x', severity: 'info', date: '2026-11-27T10:00:00Z', html: '<b>' }],
    /^announcements\[0\]\.html/,
  ],
];
for (const [name, value, error] of bad) {
  test(`announcements: ${name} is an error naming its place`, () => {
    const { announcements, errors } = read(value);
    assert.deepEqual(announcements, []);
    assert.match(errors[0] ?? '', error);
  });
}
