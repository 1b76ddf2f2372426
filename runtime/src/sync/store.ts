/** The on-disk snapshot under DATA_DIR/runtime, written atomically (temp file + rename). */
import fs from "node:fs";
import path from "node:path";
import { Snapshot } from "../protocol/index.ts";

/** Writes a file so that readers see either the old or the new content, never a torn one. */
export function writeAtomic(file: string, data: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  const fd = fs.openSync(tmp, "w");
  try {
    fs.writeSync(fd, data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}

/** writeAtomic without blocking the event loop (the fsync of a large snapshot takes milliseconds). */
async function writeAtomicAsync(file: string, data: string): Promise<void> {
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  const fh = await fs.promises.open(tmp, "w");
  try {
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
  await fs.promises.rename(tmp, file);
}

export class SnapshotStore {
  readonly file: string;
  /** The newest snapshot waiting to be written by saveSoon (older ones are skipped). */
  #pending: Snapshot | null = null;
  #writing: Promise<void> | null = null;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, "runtime", "snapshot.json");
  }

  /** The last persisted snapshot, or null when there is none or it does not parse. */
  load(): Snapshot | null {
    try {
      return Snapshot.parse(JSON.parse(fs.readFileSync(this.file, "utf8")));
    } catch {
      return null;
    }
  }

  save(snapshot: Snapshot): void {
    writeAtomic(this.file, JSON.stringify(snapshot));
  }

  /**
   * Persists `snapshot` in the background, after the current turn, so that applying a change
   * and reporting it never waits for serialisation and fsync. Writes never overlap, and a burst
   * of changes is written once, as its newest snapshot. Losing the last write in a crash is
   * harmless: the node restarts from the older revision and asks the console for the rest.
   */
  saveSoon(snapshot: Snapshot): void {
    this.#pending = snapshot;
    this.#writing ??= (async () => {
      await new Promise((resolve) => setImmediate(resolve));
      while (this.#pending) {
        const next = this.#pending;
        this.#pending = null;
        await writeAtomicAsync(this.file, JSON.stringify(next)).catch((e: unknown) => console.error("runtime: could not write the snapshot", e));
      }
      this.#writing = null;
    })();
  }

  /** Resolves once every snapshot handed to saveSoon is on disk (shutdown and tests). */
  async flush(): Promise<void> {
    while (this.#writing) await this.#writing;
  }
}
