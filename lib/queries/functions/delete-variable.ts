import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { fetchJson, seg } from "../fetch-json";
import { functionKeys } from "./keys";
import { fnPath } from "./paths";

export type DeleteVariableInput = { tenant: string; fn: string; name: string };

export const deleteVariable = ({ tenant, fn, name }: DeleteVariableInput) => fetchJson<void>(fnPath(tenant, fn, `/variables/${seg(name)}`), { method: "DELETE" });

export function useDeleteVariable() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: deleteVariable,
    meta: { errorTitle: "Could not delete the variable" },
    onSuccess: (_r, v) => toast.success(`${v.name} deleted`),
    onSettled: (_d, _e, v) => qc.invalidateQueries({ queryKey: functionKeys.variables(v.tenant, v.fn) }),
  });
}
