import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDnsUrl, readProbeKind, readTargetUrl, type DnsQuery } from './target-url.ts';

const valid: [url: string, kind: 'http' | 'tcp' | 'dns'][] = [
  ['https://example.com', 'http'],
  ['http://127.0.0.1:8080/health', 'http'],
  ['tcp://db.internal:5432', 'tcp'],
  ['tcp://[::1]:22/', 'tcp'],
  ['dns:///example.com', 'dns'],
  ['dns://1.1.1.1/example.com?type=MX', 'dns'],
  ['dns://[2606:4700:4700::1111]:53/example.com?type=aaaa', 'dns'],
];
for (const [url, kind] of valid) {
  test(`readTargetUrl accepts ${url}`, () => {
    const errors: string[] = [];
    assert.equal(readTargetUrl(` ${url} `, 'targets[0].url', errors), url);
    assert.deepEqual(errors, []);
    assert.equal(readProbeKind(url), kind);
  });
}

const invalid: [url: unknown, problem: string][] = [
  ['not-a-url', 'must be an http(s), tcp or dns URL, got "not-a-url"'],
  ['ftp://x.example', 'must be an http(s), tcp or dns URL, got "ftp://x.example"'],
  [42, 'must be an http(s), tcp or dns URL, got 42'],
  ['tcp://db.internal', 'a tcp URL is tcp://host:port, got "tcp://db.internal"'],
  ['tcp://db.internal:5432/path', 'a tcp URL is tcp://host:port, got "tcp://db.internal:5432/path"'],
  [
    'dns://1.1.1.1/',
    'a dns URL is dns://[resolver[:port]]/name?type=A|AAAA|CNAME|MX|TXT|NS, got "dns://1.1.1.1/"',
  ],
  [
    'dns:///example.com?type=SRV',
    'a dns URL is dns://[resolver[:port]]/name?type=A|AAAA|CNAME|MX|TXT|NS, got "dns:///example.com?type=SRV"',
  ],
];
for (const [url, problem] of invalid) {
  test(`readTargetUrl rejects ${JSON.stringify(url)}`, () => {
    const errors: string[] = [];
    assert.equal(readTargetUrl(url, 'targets[0].url', errors), undefined);
    assert.deepEqual(errors, [`targets[0].url: ${problem}`]);
  });
}

const queries: [url: string, query: DnsQuery | undefined][] = [
  ['dns:///example.com', { name: 'example.com', type: 'A' }],
  [
    'dns://127.0.0.1:5353/example.com?type=txt',
    { server: '127.0.0.1:5353', name: 'example.com', type: 'TXT' },
  ],
  ['dns://[::1]/example.com?type=NS', { server: '[::1]', name: 'example.com', type: 'NS' }],
  ['https://example.com', undefined],
];
for (const [url, query] of queries) {
  test(`parseDnsUrl ${url}`, () => assert.deepEqual(parseDnsUrl(url), query));
}
