import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Config } from '../config/config.ts';
import { loadConfig } from '../config/load-config.ts';
import { diffConfig } from './diff-config.ts';

/** A config from YAML text and environment, as upbeat loads it. */
function configFrom(yaml: string, env: Record<string, string> = {}): Config {
  const loaded = loadConfig({ env, cwd: '/srv', readFile: () => yaml });
  if ('errors' in loaded) throw new Error(loaded.errors.join('\n'));
  return loaded.config;
}

const base = `
title: Status
targets:
  - { name: a, url: 'http://a.test/', interval: 10s }
  - { name: b, url: 'http://b.test/', interval: 10s }
`;

describe('diffConfig', () => {
  const cases = [
    {
      name: 'the same file: nothing',
      yaml: base,
      expected: { added: [], removed: [], changed: [], settingKeys: [], restartKeys: [] },
    },
    {
      name: 'one added, one removed, one changed, the title too',
      yaml: `
title: Status of things
targets:
  - { name: a, url: 'http://a.test/', interval: 30s }
  - { name: c, url: 'http://c.test/', interval: 10s }
`,
      expected: { added: ['c'], removed: ['b'], changed: ['a'], settingKeys: ['title'], restartKeys: [] },
    },
    {
      name: 'a changed threshold is a changed target',
      yaml: base.replace(
        'interval: 10s }\n  - { name: b',
        'interval: 10s, failuresBeforeDown: 5 }\n  - { name: b',
      ),
      expected: { added: [], removed: [], changed: ['a'], settingKeys: [], restartKeys: [] },
    },
    {
      name: 'maintenance, announcements and the page link follow, reported by name only',
      yaml: `${base}publicUrl: https://status.example/
maintenance:
  - { title: Upgrade, start: '2026-01-01T00:00:00Z', end: '2026-01-01T01:00:00Z' }
announcements:
  - { title: Moved, text: New home, severity: info, date: '2026-01-01T00:00:00Z' }
`,
      expected: {
        added: [],
        removed: [],
        changed: [],
        settingKeys: ['announcements', 'pageUrl', 'maintenance'],
        restartKeys: [],
      },
    },
    {
      name: 'region, retention and the cap need a restart',
      yaml: `${base}region: eu\nretention: 30d\nmaxConcurrentProbes: 4\n`,
      expected: {
        added: [],
        removed: [],
        changed: [],
        settingKeys: [],
        restartKeys: ['region', 'retentionDays', 'maxConcurrentProbes'],
      },
    },
  ];
  for (const { name, yaml, expected } of cases) {
    test(name, () => {
      const { diff } = diffConfig(configFrom(base), configFrom(yaml));
      assert.deepEqual(
        {
          ...diff,
          added: diff.added.map((target) => target.name),
          changed: diff.changed.map((target) => target.name),
        },
        expected,
      );
    });
  }

  test('what needs a restart is kept as it runs; everything else is the new file', () => {
    const current = configFrom(base, { PORT: '8080' });
    const { effective } = diffConfig(
      current,
      configFrom(`${base}region: eu\ndescription: New\n`, { PORT: '9090' }),
    );
    assert.equal(effective.port, 8080);
    assert.equal(effective.region, current.region);
    assert.equal(effective.description, 'New');
    assert.ok(Object.isFrozen(effective));
  });
});
