import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { createIlpHttpWriter } from './ilp-http-writer.ts';

describe('ILP HTTP writer', () => {
  let answer: (request: IncomingMessage, body: string, response: ServerResponse) => void;
  const requests: { method?: string; url?: string; headers: IncomingMessage['headers']; body: string }[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      requests.push({ method: request.method, url: request.url, headers: request.headers, body });
      answer(request, body, response);
    });
  });
  let url: string;
  beforeEach(async () => {
    requests.length = 0;
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  test('a 204 is an acknowledgement; the lines go as UTF-8 to /write with the credentials', async () => {
    answer = (_, __, response) => response.writeHead(204).end();
    const writer = createIlpHttpWriter({ url, authorization: 'Basic YTpi' });
    assert.equal(await writer.send('signals,target=Zürich\\ ☃ url="x" 1\n'), 'acknowledged');
    assert.deepEqual(
      requests.map(({ method, url, body }) => ({ method, url, body })),
      [{ method: 'POST', url: '/write?precision=n', body: 'signals,target=Zürich\\ ☃ url="x" 1\n' }],
    );
    assert.equal(requests[0]!.headers.authorization, 'Basic YTpi');
    assert.equal(requests[0]!.headers['content-type'], 'text/plain; charset=utf-8');
  });

  test("any other answer rejects with the server's explanation", async () => {
    answer = (_, __, response) => response.writeHead(400).end('{"message":"cast error for line 1"}');
    const writer = createIlpHttpWriter({ url });
    await assert.rejects(writer.send('x y=1i 1\n'), /answered 400: \{"message":"cast error for line 1"\}/);
    assert.equal(requests[0]!.headers.authorization, undefined);
  });

  test('close() aborts a request in flight and refuses later sends', async () => {
    answer = () => {}; // never answers
    const writer = createIlpHttpWriter({ url });
    const sending = writer.send('x y=1i 1\n');
    await new Promise((resolve) => setTimeout(resolve, 50));
    await writer.close();
    await assert.rejects(sending, /closed/);
    await assert.rejects(writer.send('x y=1i 2\n'), /closed/);
  });
});
