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

export class SnapshotStore {
  readonly file: string;

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
}
