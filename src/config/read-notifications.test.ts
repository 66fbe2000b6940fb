import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadConfig } from './load-config.ts';

/** loadConfig over one in-memory upbeat.yaml made of `lines`. */
function load(lines: string[], env: Record<string, string> = {}) {
  const text = lines.join('\n');
  return loadConfig({ env, cwd: '/srv', readFile: () => text });
}

const oneTarget = ['targets:', '  - name: Site', '    url: https://example.com'];

describe('notifications config', () => {
  test('channels get defaults; secrets come through ${VAR}; notify lists names', () => {
    const result = load(
      [
        'notifications:',
        '  - { name: ops, type: webhook, url: "https://hooks.example/x", secret: "${HOOK_SECRET}", headers: { X-Team: ops } }',
        '  - { name: pd, type: pagerduty, routingKey: abc, degraded: true, repeat: 30m, group: 0s }',
        '  - { name: tg, type: telegram, botToken: "1:abc", chatId: -100123 }',
        ...oneTarget,
        '    notify: [pd]',
      ],
      { HOOK_SECRET: 's3cret' },
    );
    assert.ok('config' in result, JSON.stringify(result));
    assert.deepEqual(result.config.notifications, [
      {
        name: 'ops',
        type: 'webhook',
        settings: { url: 'https://hooks.example/x', secret: 's3cret' },
        headers: { 'X-Team': 'ops' },
        groupWindowMs: 3000,
        degraded: false,
      },
      {
        name: 'pd',
        type: 'pagerduty',
        settings: { routingKey: 'abc', url: 'https://events.pagerduty.com/v2/enqueue' },
        headers: {},
        groupWindowMs: 0,
        degraded: true,
        repeatMs: 1_800_000,
      },
      {
        name: 'tg',
        type: 'telegram',
        settings: { botToken: '1:abc', chatId: '-100123', url: 'https://api.telegram.org' },
        headers: {},
        groupWindowMs: 3000,
        degraded: false,
      },
    ]);
    assert.deepEqual(result.config.targets[0]!.notify, ['pd']);
  });

  const problems: [string, string[], string[]][] = [
    [
      'unknown kind',
      ['  - { name: a, type: carrier-pigeon }'],
      ['notifications[0].type: expected one of webhook'],
    ],
    [
      'missing field',
      ['  - { name: a, type: slack }'],
      ['notifications[0].url: required for a slack channel'],
    ],
    [
      'bad URL',
      ['  - { name: a, type: webhook, url: "ftp://x" }'],
      ['notifications[0].url: must be an http(s) URL'],
    ],
    [
      'missing name and type',
      ['  - { url: "https://x" }'],
      ['notifications[0].name: required', 'notifications[0].type: required'],
    ],
    [
      'unknown key',
      ['  - { name: a, type: slack, url: "https://x", token: t }'],
      ['notifications[0].token: unknown key'],
    ],
    [
      'duplicate name',
      ['  - { name: a, type: slack, url: "https://x" }', '  - { name: a, type: discord, url: "https://y" }'],
      ['notifications: the name "a" is used twice'],
    ],
  ];
  for (const [name, channelLines, expected] of problems) {
    test(`${name} is named`, () => {
      const result = load(['notifications:', ...channelLines, ...oneTarget]);
      assert.ok('errors' in result);
      for (const wanted of expected) {
        assert.ok(
          result.errors.some((error) => error.startsWith(wanted)),
          `${wanted} not in:\n${result.errors.join('\n')}`,
        );
      }
    });
  }

  test('an unknown channel name in notify is named with its target', () => {
    const result = load([
      'notifications:',
      '  - { name: a, type: slack, url: "https://x" }',
      ...oneTarget,
      '    notify: [a, b]',
    ]);
    assert.deepEqual('errors' in result && result.errors, [
      'targets[0].notify[1]: no notification channel is named "b"',
    ]);
  });

  test('email: a list of recipients, a port and flags', () => {
    const result = load([
      'notifications:',
      '  - { name: mail, type: email, host: smtp.acme.example, port: 465, secure: true, from: a@acme.example, to: [ops@acme.example, b@acme.example] }',
      '  - { name: bad, type: email, host: h, from: f, to: t, port: 70000, secure: "yes" }',
      ...oneTarget,
    ]);
    assert.ok('errors' in result);
    assert.deepEqual(result.errors, [
      'notifications[1].port: expected an integer 1..65535, got 70000',
      'notifications[1].secure: expected true or false, got "yes"',
    ]);
    const good = load([
      'notifications:',
      '  - { name: mail, type: email, host: smtp.acme.example, port: 465, secure: true, from: a@acme.example, to: [ops@acme.example, b@acme.example] }',
      ...oneTarget,
    ]);
    assert.ok('config' in good);
    assert.deepEqual(good.config.notifications[0]!.settings, {
      host: 'smtp.acme.example',
      from: 'a@acme.example',
      to: 'ops@acme.example, b@acme.example',
      port: '465',
      secure: 'true',
    });
  });

  test('notify: [] means no channel, absent means every channel', () => {
    const result = load(['notifications: []', ...oneTarget, '    notify: []']);
    assert.ok('config' in result);
    assert.deepEqual(result.config.targets[0]!.notify, []);
  });
});
