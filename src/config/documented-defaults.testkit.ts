import type { Target } from './config.ts';

/**
 * Test support: a target named `Site` for https://example.com with every default as the README
 * documents it, spelled out literally so the config tests catch a default that drifts.
 */
export const documentedDefaultTarget: Target = {
  name: 'Site',
  url: 'https://example.com',
  publicUrl: 'https://example.com',
  schedule: { kind: 'interval', everyMs: 60_000 },
  periodMs: 60_000,
  method: 'HEAD',
  timeoutMs: 10_000,
  expect: { status: [{ from: 200, to: 399 }], certificateMs: 1_209_600_000 }, // 14d
  headers: {},
  maxBodyBytes: 65_536,
  insecure: false,
  tls: false,
  failuresBeforeDown: 2,
  successesBeforeUp: 1,
};
