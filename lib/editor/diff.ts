export type FileChange = { path: string; kind: "added" | "removed" | "changed"; added: number; removed: number; hunk: DiffLine[] };
export type DiffLine = { kind: "same" | "add" | "del"; text: string };

const MAX_CELLS = 4_000_000;

/** Line diff by longest common subsequence; plenty for function files, bounded for huge ones. */
export function diffLines(before: string, after: string): DiffLine[] | null {
  const a = before.split("\n");
  const b = after.split("\n");
  if (a.length * b.length > MAX_CELLS) return null;
  const n = a.length;
  const m = b.length;
  const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      out.push({ kind: "same", text: a[i]! });
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) out.push({ kind: "del", text: a[i++]! });
    else out.push({ kind: "add", text: b[j++]! });
  }
  while (i < n) out.push({ kind: "del", text: a[i++]! });
  while (j < m) out.push({ kind: "add", text: b[j++]! });
  return out;
}

/** Only the changed lines with `context` unchanged lines around them; gaps become "…". */
export function compact(lines: DiffLine[], context = 2, maxLines = 40): DiffLine[] {
  const keep = new Set<number>();
  lines.forEach((l, i) => {
    if (l.kind !== "same") for (let k = i - context; k <= i + context; k++) keep.add(k);
  });
  const out: DiffLine[] = [];
  let last = -1;
  for (let i = 0; i < lines.length && out.length < maxLines; i++) {
    if (!keep.has(i)) continue;
    if (last !== -1 && i > last + 1) out.push({ kind: "same", text: "…" });
    out.push(lines[i]!);
    last = i;
  }
  return out;
}

/** What deploying `next` would change compared with `live` (null when nothing is live). */
export function changesBetween(live: Record<string, string> | null, next: Record<string, string>): FileChange[] {
  const before = live ?? {};
  const paths = [...new Set([...Object.keys(before), ...Object.keys(next)])].sort();
  const changes: FileChange[] = [];
  for (const path of paths) {
    const a = before[path];
    const b = next[path];
    if (a === b) continue;
    const lineCount = (t: string | undefined) => (t === undefined ? 0 : t.split("\n").length);
    if (a === undefined || b === undefined) {
      changes.push({ path, kind: a === undefined ? "added" : "removed", added: lineCount(b), removed: lineCount(a), hunk: [] });
      continue;
    }
    const lines = diffLines(a, b);
    const added = lines ? lines.filter((l) => l.kind === "add").length : lineCount(b);
    const removed = lines ? lines.filter((l) => l.kind === "del").length : lineCount(a);
    changes.push({ path, kind: "changed", added, removed, hunk: lines ? compact(lines) : [] });
  }
  return changes;
}
