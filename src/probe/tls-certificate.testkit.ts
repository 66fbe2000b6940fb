import https from 'node:https';
import type net from 'node:net';
import { generate } from 'selfsigned';

const dayMs = 86_400_000;

/** Test support: a self-signed certificate for 127.0.0.1 whose validity ends `daysLeft` days from now. */
export async function createCertificate(daysLeft: number): Promise<{ key: string; cert: string }> {
  const now = Date.now();
  const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keyType: 'ec', // an EC key is generated in milliseconds; RSA 2048 takes a noticeable moment
    algorithm: 'sha256',
    notBeforeDate: new Date(now - 30 * dayMs),
    notAfterDate: new Date(now + daysLeft * dayMs),
  });
  return { key: pems.private, cert: pems.cert };
}

/** Test support: an HTTPS server on 127.0.0.1 port 0 answering `ok`, with a certificate `daysLeft` from expiry. */
export async function listenHttps(daysLeft: number): Promise<{ url: string; close: () => Promise<void> }> {
  const server = https.createServer(await createCertificate(daysLeft), (_request, response) =>
    response.end('ok'),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `https://127.0.0.1:${port}/`,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
