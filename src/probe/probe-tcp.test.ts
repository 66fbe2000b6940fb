import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import tls from 'node:tls';
import { evaluateCheck, type CheckResult } from '../check/evaluate-check.ts';
import { createTarget } from '../config/read-target.ts';
import type { Target } from '../config/config.ts';
import { probeTcp } from './probe-tcp.ts';
import { createCertificate } from './tls-certificate.testkit.ts';

const servers: net.Server[] = [];
const ports: Record<string, number> = {};

async function listen(name: string, server: net.Server): Promise<void> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  ports[name] = (server.address() as net.AddressInfo).port;
}

before(async () => {
  await listen(
    'accept-then-close',
    net.createServer((socket) => socket.end()),
  );
  await listen(
    'tls-3-days',
    tls.createServer(await createCertificate(3), (socket) => socket.end()),
  );
  await listen(
    'tls-expired',
    tls.createServer(await createCertificate(-1), (socket) => socket.end()),
  );
  // A server that never completes a TLS handshake: the plain listener accepts and says nothing.
  await listen(
    'silent',
    net.createServer(() => {}),
  );
  const refused = net.createServer();
  await new Promise<void>((resolve) => refused.listen(0, '127.0.0.1', resolve));
  ports.refused = (refused.address() as net.AddressInfo).port;
  await new Promise((resolve) => refused.close(resolve));
});

after(async () => {
  for (const server of servers) server.close();
});

const scenarios: {
  name: string;
  server: string;
  given?: Partial<Target>;
  want: Pick<CheckResult, 'verdict' | 'reason'>;
}[] = [
  {
    name: 'a listener that accepts then closes is up',
    server: 'accept-then-close',
    want: { verdict: 'up', reason: null },
  },
  { name: 'a refused connection is down', server: 'refused', want: { verdict: 'down', reason: 'refused' } },
  {
    name: 'tls: a certificate 3 days from expiry is degraded',
    server: 'tls-3-days',
    given: { tls: true, insecure: true },
    want: { verdict: 'degraded', reason: 'certificate' },
  },
  {
    name: 'tls: a self-signed certificate, verified, is down for tls',
    server: 'tls-3-days',
    given: { tls: true },
    want: { verdict: 'down', reason: 'tls' },
  },
  {
    name: 'tls: an expired certificate is down for tls',
    server: 'tls-expired',
    given: { tls: true, insecure: true },
    want: { verdict: 'down', reason: 'tls' },
  },
  {
    name: 'tls: no handshake within the timeout is a timeout',
    server: 'silent',
    given: { tls: true, timeoutMs: 300 },
    want: { verdict: 'down', reason: 'timeout' },
  },
];

for (const { name, server, given, want } of scenarios) {
  test(`probeTcp: ${name}`, async () => {
    const url = `tcp://127.0.0.1:${ports[server]}`;
    const target = createTarget(
      { name, url, schedule: { kind: 'interval', everyMs: 60_000 }, periodMs: 60_000 },
      { expect: { status: [], certificateMs: 14 * 86_400_000 }, ...given },
    );
    const observation = await probeTcp(target, { now: Date.now, lookup: undefined });
    assert.equal(observation.httpStatus, -1);
    const { verdict, reason } = evaluateCheck(observation, target.expect);
    assert.deepEqual({ verdict, reason }, want, observation.detail);
    if (want.verdict !== 'down') {
      const { connectMs } = observation.timings;
      assert.ok(connectMs !== undefined && connectMs <= observation.latencyMs, `connect ${connectMs}`);
      if (given?.tls) assert.ok(observation.timings.tlsMs !== undefined);
    }
  });
}

test('probeTcp: a name is looked up, and the lookup is timed', async () => {
  const target = createTarget({
    name: 'by name',
    url: `tcp://upbeat.test:${ports['accept-then-close']}`,
    schedule: { kind: 'interval', everyMs: 60_000 },
    periodMs: 60_000,
  });
  const lookup = ((_host: string, options: { all?: boolean }, callback: Function) =>
    setImmediate(() =>
      options.all ? callback(null, [{ address: '127.0.0.1', family: 4 }]) : callback(null, '127.0.0.1', 4),
    )) as unknown as net.LookupFunction;
  const observation = await probeTcp(target, { now: Date.now, lookup });
  assert.equal(observation.error, undefined, observation.detail);
  assert.ok(observation.timings.dnsMs !== undefined);
});
