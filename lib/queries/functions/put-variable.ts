import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { fetchJson, seg } from "../fetch-json";
import { functionKeys } from "./keys";
import { fnPath } from "./paths";

export type PutVariableInput = { tenant: string; fn: string; name: string; value: string; secret: boolean };

export const putVariable = ({ tenant, fn, name, value, secret }: PutVariableInput) =>
  fetchJson<{ name: string; secret: boolean }>(fnPath(tenant, fn, `/variables/${seg(name)}`), { method: "PUT", body: { value, secret } });

export function usePutVariable() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: putVariable,
    meta: { errorTitle: "Could not save the variable" },
    onSuccess: (r) => toast.success(r.secret ? `Secret ${r.name} saved` : `Variable ${r.name} saved`),
    onSettled: (_d, _e, v) => qc.invalidateQueries({ queryKey: functionKeys.variables(v.tenant, v.fn) }),
  });
}
