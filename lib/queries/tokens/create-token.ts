import { useMutation, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "../fetch-json";
import type { ApiToken } from "./list-tokens";
import { tokenKeys } from "./keys";

export type CreateTokenInput = { name: string; expiresInDays?: number };
/** The only response that carries the clear token; it is never retrievable again. */
export type CreatedToken = ApiToken & { token: string };

export const createToken = (input: CreateTokenInput) => fetchJson<CreatedToken>("/api/v1/tokens", { method: "POST", body: input });

export function useCreateToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: createToken,
    meta: { errorTitle: "Could not create the token" },
    onSuccess: () => qc.invalidateQueries({ queryKey: tokenKeys.list() }),
  });
}
