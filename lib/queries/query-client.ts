import { MutationCache, QueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { ApiError } from "./fetch-json";

declare module "@tanstack/react-query" {
  interface Register {
    mutationMeta: {
      /** Title of the default error toast, e.g. "Could not revoke the token". */
      errorTitle?: string;
    };
  }
}

/** The toast every failed mutation shows: what failed, the API's message, the request id. */
export function toastError(error: unknown, title?: string) {
  const message = error instanceof Error ? error.message : "An unexpected error occurred.";
  const requestId = error instanceof ApiError ? error.requestId : undefined;
  const description = [title ? message : null, requestId ? `Request id ${requestId}` : null].filter(Boolean).join(" · ");
  toast.error(title ?? message, { description: description || undefined });
}

function shouldRetry(failureCount: number, error: unknown): boolean {
  // A 4xx will not fix itself; network blips and 5xx get two more tries.
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

export function makeQueryClient() {
  return new QueryClient({
    mutationCache: new MutationCache({
      onError: (error, _vars, _ctx, mutation) => toastError(error, mutation.meta?.errorTitle),
    }),
    defaultOptions: {
      queries: { staleTime: 30_000, retry: shouldRetry, refetchOnWindowFocus: false },
    },
  });
}
