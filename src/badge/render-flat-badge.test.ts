import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeXml, renderFlatBadge } from './render-flat-badge.ts';
import { measureVerdana11 } from './text-width.ts';

const widthOf = (svg: string) => Number(/^<svg [^>]*width="(\d+)"/.exec(svg)![1]);

test('the badge is as wide as its measured texts plus 5 px either side of each', () => {
  const svg = renderFlatBadge({ label: 'status', message: 'up', color: 'brightgreen' });
  // "status" measures 33.x px -> 33 (odd already), "up" 13.8 -> 13: (33 + 10) + (13 + 10)
  assert.equal(Math.floor(measureVerdana11('status')), 33);
  assert.equal(widthOf(svg), 66);
  assert.match(svg, /fill="#4c1"/);
  assert.match(svg, /<title>status: up<\/title>/);
});

test('build | passing is 88 px wide, as on shields.io', () => {
  assert.equal(widthOf(renderFlatBadge({ label: 'build', message: 'passing', color: 'brightgreen' })), 88);
});

test('texts of the same length but different letters make badges of different widths', () => {
  const narrow = renderFlatBadge({ label: 'iiiiii', message: 'x', color: 'red' });
  const wide = renderFlatBadge({ label: 'WWWWWW', message: 'x', color: 'red' });
  assert.ok(widthOf(wide) - widthOf(narrow) > 40, `${widthOf(narrow)} vs ${widthOf(wide)}`);
});

test('markup in a label is escaped, never interpreted', () => {
  const svg = renderFlatBadge({ label: '<script>alert("x")</script> & co', message: "it's", color: 'red' });
  assert.ok(!svg.includes('<script>'), svg);
  assert.match(svg, /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt; &amp; co/);
  assert.match(svg, /it&apos;s/);
});

test('escapeXml escapes the five XML specials', () => {
  assert.equal(escapeXml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
});
