import { describe, expect, it } from "vitest";
import { changesBetween, compact, diffLines } from "./diff";

describe("changesBetween", () => {
  it("reports added, removed and changed files with line counts and a compact hunk", () => {
    const live = { "index.ts": "a\nb\nc\nd\ne\nf\ng", "old.ts": "x\ny" };
    const next = { "index.ts": "a\nb\nc\nD\ne\nf\ng", "new.ts": "z" };
    const c = changesBetween(live, next);
    expect(c.map((x) => [x.path, x.kind, x.added, x.removed])).toEqual([
      ["index.ts", "changed", 1, 1],
      ["new.ts", "added", 1, 0],
      ["old.ts", "removed", 0, 2],
    ]);
    expect(c[0]!.hunk.map((l) => `${l.kind}:${l.text}`)).toEqual(["same:b", "same:c", "del:d", "add:D", "same:e", "same:f"]);
  });

  it("treats every file as added when nothing is live, and finds no changes in equal sets", () => {
    expect(changesBetween(null, { "index.ts": "x" })).toMatchObject([{ kind: "added" }]);
    expect(changesBetween({ "a.ts": "1" }, { "a.ts": "1" })).toEqual([]);
  });

  it("marks gaps between distant changes", () => {
    const before = Array.from({ length: 20 }, (_, i) => `l${i}`);
    const after = [...before];
    after[1] = "X";
    after[18] = "Y";
    const hunk = compact(diffLines(before.join("\n"), after.join("\n"))!, 1);
    expect(hunk.some((l) => l.text === "…")).toBe(true);
  });
});
