import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseIlpConfig, type IlpEndpoint } from './ilp-config.ts';

const accepted: { config: string; want: IlpEndpoint }[] = [
  { config: 'tcp::addr=localhost:9009;', want: { transport: 'tcp', host: 'localhost', port: 9009 } },
  { config: 'tcp::addr=questdb;', want: { transport: 'tcp', host: 'questdb', port: 9009 } },
  { config: 'tcp::addr=[::1]:19009', want: { transport: 'tcp', host: '::1', port: 19009 } },
  {
    config: 'http::addr=db.internal:9000;',
    want: { transport: 'http', host: 'db.internal', url: 'http://db.internal:9000' },
  },
  {
    config: 'https::addr=db.example.com;',
    want: { transport: 'http', host: 'db.example.com', url: 'https://db.example.com:9000' },
  },
  {
    config: 'http::addr=h:9000;username=admin;password=a;;b=c;',
    want: {
      transport: 'http',
      host: 'h',
      url: 'http://h:9000',
      authorization: `Basic ${Buffer.from('admin:a;b=c').toString('base64')}`,
    },
  },
  {
    config: 'https::addr=h:443;token=abc;',
    want: { transport: 'http', host: 'h', url: 'https://h:443', authorization: 'Bearer abc' },
  },
];

for (const { config, want } of accepted) {
  test(`accepts ${config}`, () => assert.deepEqual(parseIlpConfig(config), want));
}

const refused: { config: string; error: RegExp }[] = [
  { config: 'tcps::addr=h:9009;', error: /expected tcp::, http:: or https::/ },
  { config: 'localhost:9009', error: /expected tcp::/ },
  { config: 'tcp::addr=h:9009;username=u;', error: /unsupported option\(s\) for tcp: username/ },
  { config: 'http::addr=h;auto_flush_rows=10;', error: /unsupported option\(s\) for http: auto_flush_rows/ },
  { config: 'tcp::', error: /addr=host:port is required/ },
  { config: 'tcp::addr=h:99999;', error: /port out of range/ },
  { config: 'tcp::addr=h:x;', error: /host or host:port/ },
  { config: 'http::addr=h;username=u;', error: /go together/ },
  { config: 'http::addr=h;token=t;username=u;password=p;', error: /either token/ },
];

for (const { config, error } of refused) {
  test(`refuses ${config}`, () => assert.throws(() => parseIlpConfig(config), error));
}
