import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { ApiError, fetchJson } from "../fetch-json";
import { functionKeys } from "./keys";
import { fnPath } from "./paths";

export type DeployInput = { tenant: string; fn: string; files: Record<string, string>; entry: string; message?: string };
/** `liveMs` is null when not every runtime node reported the version within the console's wait. */
export type DeployResult = { version: number; revision: number; liveMs: number | null; nodes: { applied: number; total: number } };
/**
 * One error of a refused deploy, 1-based line and column, as the deployments API reports it:
 * the compiler's (compile_failed), or where the module's top level threw (startup_failed).
 */
export type CompileIssue = { file: string; line: number; column: number; text: string; kind?: "compile" | "startup" };

export const deployFunction = ({ tenant, fn, files, entry, message }: DeployInput) =>
  fetchJson<DeployResult>(fnPath(tenant, fn, "/deployments"), { method: "POST", body: { files, entry, message } });

/** The code errors of a refused deploy (compile or startup), or null when the failure was something else. */
export function compileIssuesOf(error: unknown): CompileIssue[] | null {
  if (!(error instanceof ApiError) || (error.code !== "compile_failed" && error.code !== "startup_failed")) return null;
  const kind = error.code === "startup_failed" ? "startup" : "compile";
  return Array.isArray(error.details.errors) ? (error.details.errors as CompileIssue[]).map((i) => ({ ...i, kind })) : [];
}

/** A console line the module's top level wrote before it threw (startup_failed's `logs`). */
export type StartupLine = { level: string; message: string };

/** What a refused deploy's top level wrote to the console before it threw; empty for anything else. */
export function startupOutputOf(error: unknown): StartupLine[] {
  if (!(error instanceof ApiError) || error.code !== "startup_failed" || !Array.isArray(error.details.logs)) return [];
  return (error.details.logs as StartupLine[]).filter((l) => typeof l?.message === "string");
}

export function deployedMessage(r: DeployResult, verb = "live"): string {
  const where = `${r.nodes.applied}/${r.nodes.total} runtime nodes`;
  if (r.liveMs === null) return `Version ${r.version} saved; ${verb} on ${where} so far (the others pick it up when they next sync)`;
  return `Version ${r.version} ${verb} on ${where} in ${r.liveMs} ms`;
}

/** Deploys the editor's files. A compile failure also gets markers in the editor (see the caller). */
export function useDeployFunction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: deployFunction,
    meta: { errorTitle: "Deploy refused" },
    onSuccess: (r) => toast.success(deployedMessage(r)),
    onSettled: (_d, _e, v) => qc.invalidateQueries({ queryKey: functionKeys.detail(v.tenant, v.fn) }).then(() => qc.invalidateQueries({ queryKey: functionKeys.list(v.tenant) })),
  });
}
