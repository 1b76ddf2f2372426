import { useMutation } from "@tanstack/react-query";
import { fetchJson } from "../fetch-json";
import { fnPath } from "./paths";

export type TestTarget = "draft" | "live";

export type TestRequest = {
  tenant: string;
  fn: string;
  target: TestTarget;
  method: string;
  path: string;
  query?: string;
  headers: Record<string, string>;
  body?: string;
  /** The editor's current files (draft only): what you see is what runs, saved or not. */
  files?: Record<string, string>;
  entry?: string;
};

export type TestLogLine = { at: string; level: "debug" | "info" | "log" | "warn" | "error"; message: string; details: Record<string, unknown> | null };

/** What POST .../test answers: the function's response and that one invocation's console lines. */
export type TestResult = {
  target: TestTarget;
  version: number | null;
  requestId: string;
  status: number;
  headers: [string, string][];
  body: string;
  bodyEncoding: "utf8" | "base64";
  bodyBytes: number;
  truncated: boolean;
  wallMs: number;
  cpuMs: number;
  logs: TestLogLine[];
};

export const testFunction = ({ tenant, fn, ...body }: TestRequest) => fetchJson<TestResult>(fnPath(tenant, fn, "/test"), { method: "POST", body });

/** Runs one test request (failures get the default toast and are also shown in the console). */
export function useTestFunction() {
  return useMutation({ mutationFn: testFunction, meta: { errorTitle: "Test run failed" } });
}
