// A tiny authoritative DNS server on 127.0.0.1 for the verification tests: answers TXT queries
// from a map, NXDOMAIN otherwise. Imported only by *.test.ts files.
import dgram from "node:dgram";
import type { AddressInfo } from "node:net";

function readName(msg: Buffer, at: number): { name: string; end: number } {
  const labels: string[] = [];
  let i = at;
  while (msg[i]! !== 0) {
    const len = msg[i]!;
    labels.push(msg.subarray(i + 1, i + 1 + len).toString("ascii"));
    i += len + 1;
  }
  return { name: labels.join(".").toLowerCase(), end: i + 1 };
}

export async function startTxtServer(records: Map<string, string[]>): Promise<{ address: string; close: () => Promise<void> }> {
  const sock = dgram.createSocket("udp4");
  sock.on("message", (msg, rinfo) => {
    const { name, end } = readName(msg, 12);
    const qtype = msg.readUInt16BE(end);
    const question = msg.subarray(12, end + 4);
    const texts = qtype === 16 ? records.get(name) : undefined;
    const answers = (texts ?? []).map((t) => {
      const data = Buffer.concat([Buffer.from([t.length]), Buffer.from(t, "ascii")]);
      const rr = Buffer.alloc(12);
      rr.writeUInt16BE(0xc00c, 0); // pointer to the question's name
      rr.writeUInt16BE(16, 2); // TXT
      rr.writeUInt16BE(1, 4); // IN
      rr.writeUInt32BE(60, 6);
      rr.writeUInt16BE(data.length, 10);
      return Buffer.concat([rr, data]);
    });
    const header = Buffer.alloc(12);
    header.writeUInt16BE(msg.readUInt16BE(0), 0);
    header.writeUInt16BE(texts ? 0x8580 : 0x8583, 2); // response, authoritative, NOERROR / NXDOMAIN
    header.writeUInt16BE(1, 4);
    header.writeUInt16BE(answers.length, 6);
    sock.send(Buffer.concat([header, question, ...answers]), rinfo.port, rinfo.address);
  });
  await new Promise<void>((r) => sock.bind(0, "127.0.0.1", () => r()));
  const { port } = sock.address() as AddressInfo;
  return { address: `127.0.0.1:${port}`, close: () => new Promise((r) => sock.close(() => r())) };
}
