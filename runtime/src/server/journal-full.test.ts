/**
 * A worker whose invocation journal cannot be written (a full disk: the segment is /dev/full)
 * keeps answering while the records fit in memory, refuses new requests with 503 once they do
 * not, before any tenant code runs, and takes requests again once the journal can be written,
 * with every answered request recorded exactly once.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Journal, readSegment } from "../metering/journal.ts";
import { fillDisk, fn, request, servedEngine, tenant } from "../../test/helpers.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "journal-full-"));
// About four records' worth: the fifth answered request fills it.
const journal = new Journal(dir, { maxBacklogBytes: 1000 });
const served = servedEngine({ meter: journal });
const HOST = "hello.good.edge.localhost";

afterAll(async () => {
  await served.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("a node whose journal cannot be written", () => {
  it("answers while it can hold the records, then refuses with 503, then recovers and loses none", async () => {
    const port = await served.start([tenant("t1", "good")], [await fn("t1", "hello", "hello.ts")]);
    const freeSpace = fillDisk(journal);
    const statuses: number[] = [];
    let refused: Awaited<ReturnType<typeof request>> | null = null;
    for (let i = 0; i < 12 && !refused; i++) {
      const r = await request(port, HOST);
      statuses.push(r.status);
      if (r.status === 503) refused = r;
    }
    expect(journal.failure).toBe("ENOSPC");
    expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
    expect(refused).not.toBeNull();
    expect(refused!.headers["retry-after"]).toBe("1");
    expect(JSON.parse(refused!.body)).toMatchObject({ error: "node_unavailable", message: expect.stringContaining("journal cannot be written (ENOSPC)") });

    // Space is back: the next rotation writes what was held, and requests are served again.
    freeSpace();
    journal.rotate();
    expect(journal.refusing()).toBeNull();
    expect((await request(port, HOST)).status).toBe(200);
    journal.rotate();

    const recorded: number[] = [];
    for (const f of fs.readdirSync(dir).filter((f) => !f.endsWith(".sum"))) readSegment(path.join(dir, f), { record: (r) => recorded.push(r.status), log: () => undefined });
    // Every 200 answered, once each; the refusals too (503, no tenant code ran for them).
    const answered = [...statuses, 200].filter((s) => s === 200).length;
    expect(recorded.filter((s) => s === 200)).toHaveLength(answered);
  });
});
