import { queryOptions, useQuery } from "@tanstack/react-query";
import { fetchJson } from "../fetch-json";
import { tokenKeys } from "./keys";

export type ApiToken = { id: string; name: string; prefix: string; createdAt: string; lastUsedAt: string | null; expiresAt: string | null };

export const listTokens = () => fetchJson<{ tokens: ApiToken[] }>("/api/v1/tokens");

export const tokensQuery = () => queryOptions({ queryKey: tokenKeys.list(), queryFn: listTokens, select: (d) => d.tokens });

export function useTokens() {
  return useQuery(tokensQuery());
}
