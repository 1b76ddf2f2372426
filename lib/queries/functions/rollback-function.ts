import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { fetchJson } from "../fetch-json";
import { deployedMessage, type DeployResult } from "./deploy-function";
import { functionKeys } from "./keys";
import { fnPath } from "./paths";

export type RollbackInput = { tenant: string; fn: string; version: number };

export const rollbackFunction = ({ tenant, fn, version }: RollbackInput) =>
  fetchJson<DeployResult>(fnPath(tenant, fn, "/rollback"), { method: "POST", body: { version } });

export function useRollbackFunction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: rollbackFunction,
    meta: { errorTitle: "Could not roll back" },
    onSuccess: (r) => toast.success(`Rolled back: ${deployedMessage(r)}`),
    onSettled: (_d, _e, v) => qc.invalidateQueries({ queryKey: functionKeys.detail(v.tenant, v.fn) }).then(() => qc.invalidateQueries({ queryKey: functionKeys.list(v.tenant) })),
  });
}
