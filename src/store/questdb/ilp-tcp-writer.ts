import { once } from 'node:events';
import { connect as connectSocket, type Socket } from 'node:net';
import { silentLogger, type Logger } from '../../log.ts';
import type { IlpSender } from './ilp-sender.ts';

/** Opens a TCP connection; `net.connect` unless a test passes its own. */
export type ConnectTcp = (address: { host: string; port: number }) => Socket;

const connectTimeoutMs = 10_000; // a reachable QuestDB accepts in milliseconds
// Generous for a batch of a few hundred KB; a write stuck this long means a dead peer.
const writeTimeoutMs = 30_000;
const keepAliveMs = 30_000; // notice a silently vanished server (no RST) within a minute or so
const closeGraceMs = 2_000; // how long close() lets the kernel flush before cutting the socket

/**
 * ILP over one TCP connection, opened on the first send and again on the next send after it
 * drops. QuestDB never answers over this socket; it closes it when it rejects a line, and the
 * lines after that one in flight are lost, so `onDisconnect` tells the caller to treat everything
 * not yet confirmed as unsent. Retry pacing is the caller's: a failed connect rejects at once.
 */
export function createIlpTcpWriter(options: {
  host: string;
  port: number;
  connect?: ConnectTcp;
  /** Called when an open connection closes other than through close(). */
  onDisconnect?: (reason: string) => void;
  log?: Logger;
}): IlpSender {
  const { host, port, connect = connectSocket, onDisconnect = () => {}, log = silentLogger } = options;
  let socket: Socket | undefined;
  let connecting: Promise<Socket> | undefined;
  let closing = false;

  function connected(): Promise<Socket> {
    if (socket) return Promise.resolve(socket);
    connecting ??= open().finally(() => (connecting = undefined));
    return connecting;
  }

  async function open(): Promise<Socket> {
    const opening = connect({ host, port });
    const timer = setTimeout(
      () => opening.destroy(new Error(`ILP connect to ${host}:${port} timed out`)),
      connectTimeoutMs,
    );
    try {
      await once(opening, 'connect');
    } catch (error) {
      opening.destroy();
      throw error;
    } finally {
      clearTimeout(timer);
    }
    if (closing) {
      opening.destroy();
      throw new Error('ILP writer is closed');
    }
    opening.setKeepAlive(true, keepAliveMs);
    opening.setNoDelay(true);
    let lastError: Error | undefined;
    opening.on('error', (error) => (lastError = error)); // 'close' follows and reports it
    // Nothing ever arrives, but reading is what turns the server's FIN into 'end' and 'close'.
    opening.on('data', () => {});
    opening.once('close', () => {
      if (socket === opening) socket = undefined;
      if (closing) return;
      const reason = lastError?.message ?? 'closed by the server';
      log.debug({ host, port, reason }, 'questdb: ILP connection closed');
      onDisconnect(reason);
    });
    log.debug({ host, port }, 'questdb: ILP connection open');
    socket = opening;
    return opening;
  }

  return {
    async send(payload) {
      if (closing) throw new Error('ILP writer is closed');
      const current = await connected();
      const timer = setTimeout(
        () => current.destroy(new Error(`ILP write to ${host}:${port} timed out`)),
        writeTimeoutMs,
      );
      try {
        // The callback runs once the kernel has the bytes, or with the error that ended the socket.
        await new Promise<void>((resolve, reject) =>
          current.write(payload, (error) => (error ? reject(error) : resolve())),
        );
      } finally {
        clearTimeout(timer);
      }
      return 'written';
    },
    async close() {
      closing = true;
      const current = socket;
      if (!current) return;
      const closed = new Promise((resolve) => current.once('close', resolve));
      const timer = setTimeout(() => current.destroy(), closeGraceMs);
      current.end();
      await closed;
      clearTimeout(timer);
    },
  };
}
