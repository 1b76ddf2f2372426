import { useMutation, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "../fetch-json";
import type { FunctionDetail } from "./get-function";
import type { DeployResult } from "./deploy-function";
import { deployFunction } from "./deploy-function";
import { functionKeys } from "./keys";
import { fnPath } from "./paths";

export type CreateFunctionInput = { tenant: string; name: string; files: Record<string, string>; entry: string; templateName: string };

/** Creates the function, then deploys the chosen template as version 1. */
export async function createFunction({ tenant, name, files, entry, templateName }: CreateFunctionInput): Promise<{ fn: FunctionDetail; deploy: DeployResult }> {
  const fn = await fetchJson<FunctionDetail>(fnPath(tenant), { method: "POST", body: { name } });
  const deploy = await deployFunction({ tenant, fn: name, files, entry, message: `Created from the "${templateName}" template` });
  return { fn, deploy };
}

export function useCreateFunction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: createFunction,
    meta: { errorTitle: "Could not create the function" },
    onSettled: (_d, _e, v) => qc.invalidateQueries({ queryKey: functionKeys.list(v.tenant) }),
  });
}
