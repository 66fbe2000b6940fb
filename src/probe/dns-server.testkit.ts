import dgram from 'node:dgram';
import net from 'node:net';

/** Test support: the records a DnsTestServer answers with, by `name/TYPE`, values as probeDns reports them. */
export type DnsRecords = Readonly<Record<string, readonly string[]>>;

const typeCodes: Record<string, number> = { A: 1, NS: 2, CNAME: 5, MX: 15, TXT: 16, AAAA: 28 };

/**
 * Test support: a DNS server on UDP 127.0.0.1 port 0 that answers real DNS packets from `records`.
 * Unknown names get NXDOMAIN; names under `silent.` get no answer at all (a resolver that timed out).
 */
export async function listenDns(
  records: DnsRecords,
): Promise<{ server: string; close: () => Promise<void> }> {
  const socket = dgram.createSocket('udp4');
  socket.on('message', (query, peer) => {
    const answer = answerQuery(query, records);
    if (answer) socket.send(answer, peer.port, peer.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return {
    server: `127.0.0.1:${socket.address().port}`,
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  };
}

function answerQuery(query: Buffer, records: DnsRecords): Buffer | undefined {
  let offset = 12; // the header: id, flags and four counts
  const labels: string[] = [];
  while (query[offset] !== 0) {
    const length = query[offset]!;
    labels.push(query.subarray(offset + 1, offset + 1 + length).toString('latin1'));
    offset += length + 1;
  }
  const questionEnd = offset + 5; // the zero label, then type and class
  const name = labels.join('.').toLowerCase();
  if (name.startsWith('silent.')) return undefined;
  const typeCode = query.readUInt16BE(offset + 1);
  const type = Object.keys(typeCodes).find((key) => typeCodes[key] === typeCode) ?? '?';
  const values = records[`${name}/${type}`];
  const known = Object.keys(records).some((key) => key.startsWith(`${name}/`));
  const header = Buffer.alloc(12);
  header.writeUInt16BE(query.readUInt16BE(0), 0); // the same id
  header.writeUInt16BE(known ? 0x8180 : 0x8183, 2); // a response, recursion available; NXDOMAIN when unknown
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(values?.length ?? 0, 6);
  const answers = (values ?? []).map((value) => {
    const data = encodeData(type, value);
    const fixed = Buffer.alloc(12);
    fixed.writeUInt16BE(0xc00c, 0); // the name: a pointer to the question's
    fixed.writeUInt16BE(typeCode, 2);
    fixed.writeUInt16BE(1, 4); // class IN
    fixed.writeUInt32BE(60, 6); // TTL
    fixed.writeUInt16BE(data.length, 10);
    return Buffer.concat([fixed, data]);
  });
  return Buffer.concat([header, query.subarray(12, questionEnd), ...answers]);
}

function encodeData(type: string, value: string): Buffer {
  switch (type) {
    case 'A':
      return Buffer.from(value.split('.').map(Number));
    case 'AAAA':
      return encodeIpv6(value);
    case 'MX': {
      const [priority, exchange] = value.split(' ');
      const head = Buffer.alloc(2);
      head.writeUInt16BE(Number(priority), 0);
      return Buffer.concat([head, encodeName(exchange!)]);
    }
    case 'TXT':
      return Buffer.concat([Buffer.from([value.length]), Buffer.from(value, 'latin1')]);
    default:
      return encodeName(value);
  }
}

function encodeName(name: string): Buffer {
  const parts = name
    .split('.')
    .map((label) => Buffer.concat([Buffer.from([label.length]), Buffer.from(label, 'latin1')]));
  return Buffer.concat([...parts, Buffer.from([0])]);
}

function encodeIpv6(address: string): Buffer {
  if (net.isIPv6(address) === false) throw new Error(`not IPv6: ${address}`);
  const [head = '', tail = ''] = address.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === '' ? [] : tail.split(':');
  const groups = [
    ...headGroups,
    ...Array(8 - headGroups.length - tailGroups.length).fill('0'),
    ...tailGroups,
  ];
  const bytes = Buffer.alloc(16);
  groups.forEach((group, index) => bytes.writeUInt16BE(parseInt(group, 16), index * 2));
  return bytes;
}
