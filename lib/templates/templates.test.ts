import { describe, expect, it } from "vitest";
import { compileFunction } from "@/lib/services/functions/compile";
import { TEMPLATES } from "./index";

describe("function templates", () => {
  it.each(TEMPLATES.map((t) => [t.id, t] as const))("%s compiles and exports a fetch handler", async (_id, t) => {
    const out = await compileFunction(t.files, t.entry);
    expect(out.code).toMatch(/as default/);
    expect(t.files[t.entry]).toContain("export default {");
    expect(t.files[t.entry]).toContain("async fetch(");
  });
});
