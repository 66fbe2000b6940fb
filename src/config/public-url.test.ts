import { test } from 'node:test';
import assert from 'node:assert/strict';
import { choosePublicUrl, createStoredUrlPublisher, redactUrl, secretParameterWords } from './public-url.ts';

const redactCases: [string, string, string][] = [
  ['nothing to hide: as written', 'https://example.com', 'https://example.com'],
  ['as written, odd spelling kept', 'HTTPS://Example.com:443/a?b=1#top', 'HTTPS://Example.com:443/a?b=1#top'],
  ['user and password', 'http://admin:s3cretpw@127.0.0.1:8080/health', 'http://127.0.0.1:8080/health'],
  ['user only', 'https://deploy@example.com/', 'https://example.com/'],
  ['password only', 'https://:s3cretpw@example.com/', 'https://example.com/'],
  ['@ inside the password', 'https://a:b@c@example.com/', 'https://example.com/'],
  ['backslashes read as slashes', 'http:\\\\admin:s3cretpw@example.com\\x', 'http://example.com/x'],
  [
    'user info and token together',
    'http://admin:s3cretpw@127.0.0.1:9/health?token=tok123',
    'http://127.0.0.1:9/health?token=***',
  ],
  [
    'other parameters kept as written',
    'https://e.com/?a=1&token=x&b=%20',
    'https://e.com/?a=1&token=***&b=%20',
  ],
  ['case-insensitive', 'https://e.com/?ToKeN=x', 'https://e.com/?ToKeN=***'],
  ['percent-encoded name', 'https://e.com/?%74oken=tok123', 'https://e.com/?%74oken=***'],
  ['encoded underscore', 'https://e.com/?api%5Fkey=k', 'https://e.com/?api%5Fkey=***'],
  ['malformed escape in the name', 'https://e.com/?%zz%74oken=t', 'https://e.com/?%zz%74oken=***'],
  [
    'a name containing a word',
    'https://e.com/?client_secret=s&X-Api-Key=k',
    'https://e.com/?client_secret=***&X-Api-Key=***',
  ],
  ['= inside the value', 'https://e.com/?sig=a=b&x=1', 'https://e.com/?sig=***&x=1'],
  ['; as a separator', 'https://e.com/?a=1;pwd=p', 'https://e.com/?a=1;pwd=***'],
  ['repeated parameter', 'https://e.com/?key=1&key=2', 'https://e.com/?key=***&key=***'],
  ['a bare value is not a name', 'https://e.com/?tok123', 'https://e.com/?tok123'],
  ['empty value', 'https://e.com/?token=', 'https://e.com/?token=***'],
  [
    'fragment parameters',
    'https://e.com/cb#access_token=t&state=1',
    'https://e.com/cb#access_token=***&state=1',
  ],
  ['fragment route with a query', 'https://e.com/#/login?code=c', 'https://e.com/#/login?code=***'],
  ['a plain fragment is kept', 'https://e.com/docs#section-2', 'https://e.com/docs#section-2'],
  ['IPv6 host', 'http://admin:pw@[::1]:8080/?token=t', 'http://[::1]:8080/?token=***'],
  ['IPv6 host, nothing to hide', 'http://[2001:db8::1]/', 'http://[2001:db8::1]/'],
  ['port out of range', 'http://admin:s3cretpw@host:99999/', '[unparseable URL]'],
  ['no scheme, user info', 'admin:s3cretpw@example.com', '[unparseable URL]'],
  ['no scheme, a token', 'example.com/?token=tok123', 'example.com/?token=***'],
  [
    'settings text',
    'tcp::addr=db:9009;username=admin;password=p;',
    'tcp::addr=db:9009;username=admin;password=***;',
  ],
  ['text with a ;', '1signals; DROP TABLE x', '1signals; DROP TABLE x'],
  ['not a URL at all', 'not-a-url', 'not-a-url'],
  ['a cron nickname', '@hourlyy', '@hourlyy'],
  ['user info on a new line', 'x\nadmin:pw@host', '[unparseable URL]'],
  ['opaque scheme', 'mailto:ops@example.com', '[unparseable URL]'],
  ['empty', '', ''],
];

test('redactUrl', async (t) => {
  for (const [name, input, want] of redactCases) {
    await t.test(name, () => assert.equal(redactUrl(input), want));
  }
});

test('redactUrl masks every documented word, alone and inside a longer name', async (t) => {
  for (const word of secretParameterWords) {
    await t.test(word, () => {
      const url = `https://e.com/?${word}=v1&my_${word.toUpperCase()}_x=v2&plain=v3`;
      assert.equal(redactUrl(url), `https://e.com/?${word}=***&my_${word.toUpperCase()}_x=***&plain=v3`);
    });
  }
});

test('choosePublicUrl', async (t) => {
  const probed = 'http://admin:s3cretpw@10.0.0.5/health?token=tok123';
  const cases: [string, string | boolean, string][] = [
    ['the probed URL, redacted', true, 'http://10.0.0.5/health?token=***'],
    ['hidden: an empty string', false, ''],
    ['the operator’s URL instead', 'https://status.example.com/api', 'https://status.example.com/api'],
    ['the operator’s URL, redacted too', 'https://u:p@example.com/?key=k', 'https://example.com/?key=***'],
  ];
  for (const [name, publicUrl, want] of cases) {
    await t.test(name, () => assert.equal(choosePublicUrl(probed, publicUrl), want));
  }
});

test('createStoredUrlPublisher', async (t) => {
  const targets = [
    { name: 'Shown', publicUrl: 'https://shown.example/' },
    { name: 'Hidden', publicUrl: '' },
  ];
  const stored = 'http://admin:s3cretpw@old.example/?token=tok123';
  const cases: [string, boolean, string, string][] = [
    ['a configured target: its public URL', true, 'Shown', 'https://shown.example/'],
    ['a configured hidden target', true, 'Hidden', ''],
    ['configured wins over the default', false, 'Shown', 'https://shown.example/'],
    ['a removed target: its stored URL, redacted again', true, 'Removed', 'http://old.example/?token=***'],
    ['a removed target, URLs hidden', false, 'Removed', ''],
  ];
  for (const [name, publicUrls, target, want] of cases) {
    await t.test(name, () =>
      assert.equal(createStoredUrlPublisher(targets, publicUrls)({ target, url: stored }), want),
    );
  }
});
