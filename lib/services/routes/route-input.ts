import { z } from "zod";
import { compilePattern } from "@/runtime/src/routing/pattern";

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

export const RouteInput = z.object({
  pattern: z
    .string({ error: "is required" })
    .trim()
    .superRefine((p, ctx) => {
      const c = compilePattern(p);
      if ("error" in c) ctx.addIssue({ code: "custom", message: c.error });
    }),
  function: z.string({ error: "is required" }).min(1, "is required"),
  methods: z
    .array(z.string().transform((m) => m.toUpperCase()).pipe(z.enum(METHODS, { error: `must be one of ${METHODS.join(", ")}` })))
    .max(METHODS.length)
    .nullish()
    .transform((m) => (m && m.length > 0 ? [...new Set(m)].sort() : null)),
  priority: z.number({ error: "must be an integer" }).int("must be an integer").min(-1000, "must be at least -1000").max(1000, "must be at most 1000").default(0),
  /** Only report conflicts; save nothing. */
  dryRun: z.boolean().default(false),
});
