import { once } from 'node:events';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { StringDecoder } from 'node:string_decoder';
import { parseIlp, toSignal } from './ilp-decode.testkit.ts';
import type { Signal } from '../../signal.ts';

/**
 * A stand-in for QuestDB's ILP/TCP port in tests, on a real loopback socket: it parses what
 * arrives, can cut a connection after N bytes (dropping the partial line, as a server that rejects
 * a line does), and can stop and come back on the same port (a restart).
 */
export async function startFakeIlpServer() {
  const received: Signal[] = [];
  const sockets = new Set<Socket>();
  let cutAfterBytes = Infinity;
  let cuts = 0;
  let connections = 0;
  let server: Server;
  let port = 0;

  function accept(socket: Socket): void {
    connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {}); // the client may reset; 'close' follows
    const decoder = new StringDecoder('utf8');
    let rest = '';
    let bytes = 0;
    socket.on('data', (chunk: Buffer) => {
      const kept = chunk.subarray(0, Math.max(0, cutAfterBytes - bytes));
      bytes += chunk.length;
      const parsed = parseIlp(rest + decoder.write(kept));
      rest = parsed.rest;
      received.push(...parsed.rows.map(toSignal));
      if (bytes >= cutAfterBytes) {
        cutAfterBytes = Infinity;
        cuts++;
        socket.destroy();
      }
    });
  }

  async function listen(): Promise<void> {
    server = createServer(accept);
    server.listen(port, '127.0.0.1');
    await once(server, 'listening');
    port = (server.address() as AddressInfo).port;
  }

  await listen();
  return {
    get port() {
      return port;
    },
    /** Every row that arrived whole, in arrival order (duplicates included). */
    received,
    get cuts() {
      return cuts;
    },
    get connections() {
      return connections;
    },
    /** The first connection to have carried `bytes` bytes is destroyed there, mid-line (once). */
    cutAfter(bytes: number): void {
      cutAfterBytes = bytes;
    },
    /** Stops listening and drops every connection: the server is down. */
    async stop(): Promise<void> {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
    /** Listens again on the same port. */
    restart: listen,
  };
}
