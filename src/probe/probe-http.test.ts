import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import type dns from 'node:dns';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { Target } from '../config/config.ts';
import type { Observation } from './observation.ts';
import { createProber } from './probe-http.ts';
import { evaluateCheck, type CheckResult } from '../check/evaluate-check.ts';
import { createTarget } from '../config/read-target.ts';
import { listenHttps } from './tls-certificate.testkit.ts';

// Long enough that a correct probe never hits it on a loaded machine; the timeout cases use their own.
const generousTimeoutMs = 10_000;
const shortTimeoutMs = 300; // the server-side delays below are several times this

function makeTarget(url: string, overrides: Partial<Target> = {}): Target {
  return {
    name: url,
    url,
    publicUrl: url,
    schedule: { kind: 'interval', everyMs: 60_000 },
    periodMs: 60_000,
    method: 'GET',
    timeoutMs: generousTimeoutMs,
    expect: { status: [{ from: 200, to: 399 }] },
    headers: {},
    maxBodyBytes: 65_536,
    insecure: false,
    tls: false,
    failuresBeforeDown: 1,
    successesBeforeUp: 1,
    ...overrides,
  };
}

async function listen(server: net.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as net.AddressInfo).port;
}

/** Resolves every name to loopback, asynchronously like the real resolver; node asks for all or one. */
const lookupLoopback = ((_hostname: string, options: { all?: boolean }, callback: Function) =>
  setImmediate(() =>
    options.all ? callback(null, [{ address: '127.0.0.1', family: 4 }]) : callback(null, '127.0.0.1', 4),
  )) as unknown as typeof dns.lookup;

/** What the HTTP test server saw, per request, so tests can check the probe's side of the wire. */
const seen: { method: string; path: string; userAgent: string | undefined; authorization?: string }[] = [];
let endlessClosed: Promise<void> = Promise.resolve();

const routes: Record<string, (request: http.IncomingMessage, response: http.ServerResponse) => void> = {
  '/ok': (_request, response) => response.end('ok'),
  '/status/404': (_request, response) => response.writeHead(404).end('missing'),
  '/status/503': (_request, response) => response.writeHead(503).end('busy'),
  '/moved': (_request, response) => response.writeHead(301, { location: '/ok' }).end(),
  '/loop': (_request, response) => response.writeHead(302, { location: '/loop' }).end(),
  '/see-other': (_request, response) => response.writeHead(303, { location: '/ok' }).end(),
  '/no-location': (_request, response) => response.writeHead(302).end(),
  '/ftp-location': (_request, response) =>
    response.writeHead(302, { location: 'ftp://u:s3cret@127.0.0.1/?token=t' }).end(),
  '/to-other-origin': (request, response) => {
    response.writeHead(307, { location: `http://upbeat.test:${request.socket.localPort}/credentials` }).end();
  },
  '/credentials': (request, response) => response.end(String(request.headers.authorization)),
  '/echo': (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const seen = {
        method: request.method,
        type: request.headers['content-type'],
        body: String(Buffer.concat(chunks)),
      };
      response
        .writeHead(200, { 'content-type': 'application/json', 'x-version': '2' })
        .end(JSON.stringify(seen));
    });
  },
  '/head-405': (request, response) => response.writeHead(request.method === 'HEAD' ? 405 : 200).end(),
  '/head-501': (request, response) => response.writeHead(request.method === 'HEAD' ? 501 : 200).end(),
  '/slow': (_request, response) => {
    const timer = setTimeout(() => response.end('late'), shortTimeoutMs * 10);
    response.on('close', () => clearTimeout(timer));
  },
  '/trickle': (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/plain' });
    const timer = setInterval(() => response.write('.'), shortTimeoutMs / 6);
    response.on('close', () => clearInterval(timer));
  },
  '/endless': (_request, response) => {
    endlessClosed = new Promise((resolve) => response.on('close', resolve));
    const chunk = Buffer.alloc(64 * 1024, 'x');
    response.writeHead(200, { 'content-type': 'application/octet-stream' });
    const pump = () => {
      while (!response.destroyed && response.write(chunk));
    };
    response.on('drain', pump);
    pump();
  },
};

const httpServer = http.createServer((request, response) => {
  const path = request.url ?? '/';
  const { 'user-agent': userAgent, authorization } = request.headers;
  seen.push({ method: request.method ?? '', path, userAgent, authorization });
  (routes[path] ?? ((_, res) => res.writeHead(404).end()))(request, response);
});

/** Raw TCP servers that misbehave in ways an HTTP server library won't. */
const rawBehaviours: Record<string, (socket: net.Socket) => void> = {
  silent: () => {},
  garbage: (socket) => socket.end('this is not http at all\r\n\r\n'),
  'reset-in-headers': (socket) =>
    socket.write('HTTP/1.1 200 OK\r\nContent-Le', () => socket.resetAndDestroy()),
  // The pause lets the client parse the headers before the reset arrives (an RST can drop unread data).
  'reset-in-body': (socket) => {
    socket.write('HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\npartial');
    setTimeout(() => socket.resetAndDestroy(), 200);
  },
  'closed-in-body': (socket) => socket.end('HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\npartial'),
};
const rawServers = new Map<string, { server: net.Server; port: number; sockets: Set<net.Socket> }>();

const tlsKey = readFileSync(new URL('./fixtures/self-signed-key.pem', import.meta.url));
const tlsCert = readFileSync(new URL('./fixtures/self-signed-cert.pem', import.meta.url));
const httpsServer = https.createServer({ key: tlsKey, cert: tlsCert }, (_request, response) =>
  response.end('ok'),
);

let httpBase = '';
let httpsBase = '';
let refusedPort = 0;

before(async () => {
  httpBase = `http://127.0.0.1:${await listen(httpServer)}`;
  httpsBase = `https://127.0.0.1:${await listen(httpsServer)}`;
  for (const [name, behave] of Object.entries(rawBehaviours)) {
    const sockets = new Set<net.Socket>();
    const server = net.createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {}); // the probe hanging up is expected here
      socket.once('data', () => behave(socket));
    });
    rawServers.set(name, { server, port: await listen(server), sockets });
  }
  const closed = net.createServer();
  refusedPort = await listen(closed);
  await new Promise((resolve) => closed.close(resolve));
});

after(async () => {
  httpServer.closeAllConnections();
  httpsServer.closeAllConnections();
  const closing = [httpServer, httpsServer].map((server) => new Promise((resolve) => server.close(resolve)));
  for (const { server, sockets } of rawServers.values()) {
    for (const socket of sockets) socket.destroy();
    closing.push(new Promise((resolve) => server.close(resolve)));
  }
  await Promise.all(closing);
});

describe('probe over HTTP', () => {
  const scenarios: { name: string; path: string; target?: Partial<Target>; want: Partial<Observation> }[] = [
    { name: '200', path: '/ok', want: { httpStatus: 200, redirects: 0, method: 'GET' } },
    { name: '404 is recorded, not an error', path: '/status/404', want: { httpStatus: 404 } },
    { name: '503 is recorded, not an error', path: '/status/503', want: { httpStatus: 503 } },
    { name: '301 is followed to the 200', path: '/moved', want: { httpStatus: 200, redirects: 1 } },
    {
      name: 'a redirect without Location is the answer',
      path: '/no-location',
      want: { httpStatus: 302, redirects: 0 },
    },
    {
      name: 'a POST redirected by 303 continues as GET',
      path: '/see-other',
      target: { method: 'POST' },
      want: { httpStatus: 200, redirects: 1, method: 'GET' },
    },
    {
      name: 'HEAD stays HEAD',
      path: '/ok',
      target: { method: 'HEAD' },
      want: { httpStatus: 200, method: 'HEAD' },
    },
    {
      name: 'a redirect to a non-HTTP scheme, its Location redacted in the detail',
      path: '/ftp-location',
      want: {
        httpStatus: 302,
        redirects: 0,
        error: 'invalid_response',
        detail: 'unusable redirect Location: ftp://127.0.0.1/?token=***',
      },
    },
    {
      name: 'a redirect loop stops after 10',
      path: '/loop',
      want: { httpStatus: 302, redirects: 10, error: 'redirects' },
    },
    {
      name: 'a server slower than the timeout',
      path: '/slow',
      target: { timeoutMs: shortTimeoutMs },
      want: { httpStatus: -1, error: 'timeout' },
    },
    {
      name: 'a body that trickles past the timeout',
      path: '/trickle',
      target: { timeoutMs: shortTimeoutMs },
      want: { httpStatus: 200, error: 'timeout' },
    },
  ];
  for (const { name, path, target, want } of scenarios) {
    test(name, async () => {
      const observation = await createProber().probe(makeTarget(httpBase + path, target));
      assert.deepEqual(pick(observation, want), want);
      if (want.error === undefined) assert.equal(observation.error, undefined, observation.detail);
    });
  }

  test('a plain 200 reports connect and first-byte phases inside the latency', async () => {
    const observation = await createProber().probe(makeTarget(`${httpBase}/ok`));
    const { connectMs, firstByteMs, dnsMs, tlsMs } = observation.timings;
    assert.ok(connectMs !== undefined && connectMs >= 0 && connectMs <= observation.latencyMs);
    assert.ok(firstByteMs !== undefined && firstByteMs >= 0 && firstByteMs <= observation.latencyMs);
    assert.equal(dnsMs, undefined, 'an IP literal is never looked up');
    assert.equal(tlsMs, undefined);
    assert.equal(observation.certificateExpiresAt, undefined);
  });

  test('startedAt comes from the injected clock', async () => {
    const observation = await createProber({ now: () => 1_234 }).probe(makeTarget(`${httpBase}/ok`));
    assert.equal(observation.startedAt, 1_234);
  });

  test('sends upbeat as User-Agent unless the target sets one', async () => {
    const prober = createProber();
    await prober.probe(makeTarget(`${httpBase}/ok?default-agent`));
    await prober.probe(makeTarget(`${httpBase}/ok?own-agent`, { headers: { 'User-Agent': 'mine/1' } }));
    const agents = seen
      .filter((request) => request.path.startsWith('/ok?'))
      .map((request) => request.userAgent);
    assert.match(agents[0] ?? '', /^upbeat\/\d+\.\d+\.\d+/);
    assert.equal(agents[1], 'mine/1');
  });

  for (const status of [405, 501]) {
    test(`HEAD answered ${status} falls back to GET and remembers it`, async () => {
      const prober = createProber();
      const target = makeTarget(`${httpBase}/head-${status}`, { method: 'HEAD', name: `head-${status}` });
      const methodsSeen = () =>
        seen.filter((request) => request.path === `/head-${status}`).map((r) => r.method);

      const first = await prober.probe(target);
      assert.deepEqual([first.httpStatus, first.method, first.error], [200, 'GET', undefined]);
      assert.deepEqual(methodsSeen(), ['HEAD', 'GET']);

      const second = await prober.probe(target);
      assert.deepEqual([second.httpStatus, second.method], [200, 'GET']);
      assert.deepEqual(methodsSeen(), ['HEAD', 'GET', 'GET'], 'the second probe skips HEAD');
    });
  }

  test('an endless body is capped: the status comes back and the connection is closed', async () => {
    const observation = await createProber().probe(makeTarget(`${httpBase}/endless`, { maxBodyBytes: 1024 }));
    assert.equal(observation.error, undefined, observation.detail);
    assert.equal(observation.httpStatus, 200);
    await endlessClosed; // hangs (and the runner fails the file) if the probe left the socket open
  });

  test('credentials do not follow a redirect to another origin', async () => {
    const headers = { Authorization: 'Bearer secret' };
    const observation = await createProber({ lookup: lookupLoopback }).probe(
      makeTarget(`${httpBase}/to-other-origin`, { headers }),
    );
    assert.deepEqual([observation.httpStatus, observation.redirects], [200, 1], observation.detail);
    const [first, second] = seen.filter((request) =>
      ['/to-other-origin', '/credentials'].includes(request.path),
    );
    assert.equal(first?.authorization, 'Bearer secret');
    assert.equal(second?.authorization, undefined);
  });

  test('a header node refuses to send resolves as invalid_response', async () => {
    const target = makeTarget(`${httpBase}/ok`, { headers: { 'x-bad': 'line\nbreak' } });
    const observation = await createProber().probe(target);
    assert.equal(observation.error, 'invalid_response');
    assert.equal(observation.httpStatus, -1);
  });
});

describe('probe failures', () => {
  const rawScenarios: { server: string; want: Partial<Observation>; timeoutMs?: number }[] = [
    { server: 'silent', timeoutMs: shortTimeoutMs, want: { httpStatus: -1, error: 'timeout' } },
    { server: 'garbage', want: { httpStatus: -1, error: 'invalid_response' } },
    { server: 'reset-in-headers', want: { httpStatus: -1, error: 'reset' } },
    { server: 'reset-in-body', want: { httpStatus: 200, error: 'reset' } },
    { server: 'closed-in-body', want: { httpStatus: 200, error: 'reset' } },
  ];
  for (const { server, want, timeoutMs = generousTimeoutMs } of rawScenarios) {
    test(`${server} -> ${want.error}`, async () => {
      const { port } = rawServers.get(server)!;
      const observation = await createProber().probe(makeTarget(`http://127.0.0.1:${port}/`, { timeoutMs }));
      assert.deepEqual(pick(observation, want), want, observation.detail);
      assert.ok(observation.detail, 'detail explains the error');
    });
  }

  test('connection refused', async () => {
    const observation = await createProber().probe(makeTarget(`http://127.0.0.1:${refusedPort}/`));
    assert.deepEqual(pick(observation, { httpStatus: -1, error: 'refused' }), {
      httpStatus: -1,
      error: 'refused',
    });
    assert.match(observation.detail ?? '', /ECONNREFUSED/);
  });

  test('a failing lookup is a dns error', async () => {
    const lookup = ((hostname: string, _options: unknown, callback: (error: Error) => void) => {
      const error = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), {
        code: 'ENOTFOUND',
        syscall: 'getaddrinfo',
      });
      setImmediate(() => callback(error));
    }) as unknown as typeof dns.lookup;
    const observation = await createProber({ lookup }).probe(makeTarget('http://upbeat.invalid/'));
    assert.deepEqual(pick(observation, { httpStatus: -1, error: 'dns' }), { httpStatus: -1, error: 'dns' });
    assert.match(observation.detail ?? '', /ENOTFOUND/);
  });

  test('a resolved name reports the DNS phase', async () => {
    const port = new URL(httpBase).port;
    const prober = createProber({ lookup: lookupLoopback });
    const observation = await prober.probe(makeTarget(`http://upbeat.test:${port}/ok`));
    assert.equal(observation.httpStatus, 200, observation.detail);
    assert.ok(observation.timings.dnsMs !== undefined && observation.timings.dnsMs <= observation.latencyMs);
  });
});

describe('probe over HTTPS', () => {
  test('a self-signed certificate is a tls error', async () => {
    const observation = await createProber().probe(makeTarget(`${httpsBase}/`));
    assert.deepEqual(pick(observation, { httpStatus: -1, error: 'tls' }), { httpStatus: -1, error: 'tls' });
    assert.match(observation.detail ?? '', /SELF_SIGNED/);
  });

  test('insecure accepts it and records the certificate expiry and the TLS phase', async () => {
    const observation = await createProber().probe(makeTarget(`${httpsBase}/`, { insecure: true }));
    assert.equal(observation.error, undefined, observation.detail);
    assert.equal(observation.httpStatus, 200);
    assert.equal(observation.certificateExpiresAt, Date.parse(new X509Certificate(tlsCert).validTo));
    const { connectMs, tlsMs, firstByteMs } = observation.timings;
    for (const phase of [connectMs, tlsMs, firstByteMs]) {
      assert.ok(phase !== undefined && phase >= 0 && phase <= observation.latencyMs, `phase ${phase}`);
    }
  });
});

describe('certificate expiry, probed and judged', () => {
  const scenarios: { name: string; daysLeft: number; want: Pick<CheckResult, 'verdict' | 'reason'> }[] = [
    {
      name: 'expires in 3 days: degraded for certificate',
      daysLeft: 3,
      want: { verdict: 'degraded', reason: 'certificate' },
    },
    { name: 'expires in 30 days: up', daysLeft: 30, want: { verdict: 'up', reason: null } },
    { name: 'expired yesterday: down for tls', daysLeft: -1, want: { verdict: 'down', reason: 'tls' } },
  ];
  for (const { name, daysLeft, want } of scenarios) {
    test(name, async () => {
      const server = await listenHttps(daysLeft);
      try {
        const target = createTarget(
          { name, url: server.url, schedule: { kind: 'interval', everyMs: 60_000 }, periodMs: 60_000 },
          { insecure: true }, // self-signed; what is tested is the expiry, not the chain
        );
        const observation = await createProber().probe(target);
        assert.equal(observation.error, undefined, observation.detail);
        const expiresInDays = (observation.certificateExpiresAt! - observation.startedAt) / 86_400_000;
        assert.ok(Math.abs(expiresInDays - daysLeft) < 0.01, `saw ${expiresInDays} days`);
        const { verdict, reason } = evaluateCheck(observation, target.expect);
        assert.deepEqual({ verdict, reason }, want);
      } finally {
        await server.close();
      }
    });
  }
});

describe('response conditions, probed and judged', () => {
  const judge = async (url: string, given: Parameters<typeof createTarget>[1]) => {
    const target = createTarget(
      { name: url, url, schedule: { kind: 'interval', everyMs: 60_000 }, periodMs: 60_000 },
      given,
    );
    const observation = await createProber().probe(target);
    return { observation, result: evaluateCheck(observation, target.expect) };
  };
  const expectations = (more: Partial<Target['expect']>): Target['expect'] => ({
    status: [{ from: 200, to: 299 }],
    ...more,
  });

  test('a request body goes out with its method and content type; JSON and header conditions hold', async () => {
    const { result } = await judge(`${httpBase}/echo`, {
      method: 'POST',
      body: { text: '{"ping":1}', contentType: 'application/json' },
      expect: expectations({
        json: [
          { pointer: '/method', test: 'equals', value: 'POST' },
          { pointer: '/type', test: 'equals', value: 'application/json' },
          { pointer: '/body', test: 'equals', value: '{"ping":1}' },
        ],
        headers: [
          { name: 'x-version', test: 'equals', value: '2' },
          { name: 'content-type', test: 'matches', value: '^application/json$' },
        ],
      }),
    });
    assert.deepEqual(result, { verdict: 'up', reason: null });
  });

  test('a failed JSON condition is down for body, saying what was seen', async () => {
    const { result } = await judge(`${httpBase}/echo`, {
      method: 'GET',
      expect: expectations({ json: [{ pointer: '/method', test: 'in', value: ['POST', 'PUT'] }] }),
    });
    assert.deepEqual(result, {
      verdict: 'down',
      reason: 'body',
      detail: 'json /method: expected one of ["POST","PUT"], saw "GET"',
    });
  });

  test('a body pattern runs in the worker and a miss is down for body', async () => {
    const { observation, result } = await judge(`${httpBase}/ok`, {
      method: 'GET',
      expect: expectations({ body: { contains: [], notContains: [], matches: ['^ok$', 'maintenance'] } }),
    });
    assert.deepEqual(observation.patternOutcomes, [true, false]);
    assert.deepEqual(result, {
      verdict: 'down',
      reason: 'body',
      detail: 'body does not match /maintenance/; saw "ok"',
    });
  });

  test('conditions see the first maxBodyBytes bytes only', async () => {
    const { observation, result } = await judge(`${httpBase}/endless`, {
      method: 'GET',
      maxBodyBytes: 1000,
      expect: expectations({ body: { contains: [], notContains: ['x'.repeat(1001)], matches: [] } }),
    });
    assert.equal(observation.body?.length, 1000);
    assert.deepEqual(result, { verdict: 'up', reason: null });
  });

  test('basic auth from the URL user info is sent (percent-decoded)', async () => {
    const url = new URL(`${httpBase}/credentials`);
    url.username = 'probe';
    url.password = 'p@ss word';
    const { result } = await judge(url.href, {
      method: 'GET',
      expect: expectations({
        body: { contains: [`Basic ${btoa('probe:p@ss word')}`], notContains: [], matches: [] },
      }),
    });
    assert.deepEqual(result, { verdict: 'up', reason: null });
  });
});

/** The fields of `observation` named in `want`, so a table row states only what it cares about. */
function pick(observation: Observation, want: Partial<Observation>): Partial<Observation> {
  return Object.fromEntries(Object.keys(want).map((key) => [key, observation[key as keyof Observation]]));
}
