/** The per-tenant limits an admin sets on a plan or overrides for one tenant, with their units. */
export const LIMIT_FIELDS = [
  { key: "includedRequests", label: "Included requests / month", unit: "" },
  { key: "includedCpuMs", label: "Included CPU / month", unit: "ms" },
  { key: "cpuMsPerRequest", label: "CPU per request", unit: "ms" },
  { key: "memoryMb", label: "Memory per isolate", unit: "MB" },
  { key: "subrequests", label: "Subrequests per request", unit: "" },
  { key: "maxFunctions", label: "Functions", unit: "" },
  { key: "maxDomains", label: "Domains", unit: "" },
  { key: "logRetentionDays", label: "Log retention", unit: "days" },
] as const;

export type LimitKey = (typeof LIMIT_FIELDS)[number]["key"];

/** "" → undefined (not set); anything else → a number (the API rejects what is not a whole number). */
export function parseNumberField(v: string): number | undefined {
  const t = v.trim();
  if (t === "") return undefined;
  return Number(t.replace(/[_,\s]/g, ""));
}
