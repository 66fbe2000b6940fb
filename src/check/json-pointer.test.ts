import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolvePointer, type PointerResult } from './json-pointer.ts';

// RFC 6901 section 5's example document, and its table of pointers.
const rfcDocument = {
  foo: ['bar', 'baz'],
  '': 0,
  'a/b': 1,
  'c%d': 2,
  'e^f': 3,
  'g|h': 4,
  'i\\j': 5,
  'k"l': 6,
  ' ': 7,
  'm~n': 8,
};

const scenarios: [pointer: string, want: PointerResult][] = [
  ['', { found: true, value: rfcDocument }],
  ['/foo', { found: true, value: ['bar', 'baz'] }],
  ['/foo/0', { found: true, value: 'bar' }],
  ['/', { found: true, value: 0 }],
  ['/a~1b', { found: true, value: 1 }],
  ['/c%d', { found: true, value: 2 }],
  ['/e^f', { found: true, value: 3 }],
  ['/g|h', { found: true, value: 4 }],
  ['/i\\j', { found: true, value: 5 }],
  ['/k"l', { found: true, value: 6 }],
  ['/ ', { found: true, value: 7 }],
  ['/m~0n', { found: true, value: 8 }],
  ['/missing', { found: false }],
  ['/foo/2', { found: false }],
  ['/foo/01', { found: false }],
  ['/foo/-', { found: false }],
  ['/foo/0/deeper', { found: false }],
  ['/toString', { found: false }],
];

for (const [pointer, want] of scenarios) {
  test(`resolvePointer ${JSON.stringify(pointer)}`, () => {
    assert.deepEqual(resolvePointer(rfcDocument, pointer), want);
  });
}
