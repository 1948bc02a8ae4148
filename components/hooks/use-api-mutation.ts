"use client";

import { useMutation, useQueryClient, type QueryKey } from "@tanstack/react-query";
import { sendJson, type ApiRequestError } from "@/lib/api/fetch-json";

export interface ApiCall {
  method: "POST" | "PUT" | "PATCH" | "DELETE";
  url: string;
  body?: unknown;
}

/**
 * Every state change of the browser: one call to our API, and on success the reads it changes are
 * refetched, so no view shows what was true before the change.
 */
export function useApiMutation<TVariables = void, TResult = unknown>({
  call,
  invalidates,
  onSuccess,
}: {
  call: (variables: TVariables) => ApiCall;
  invalidates: QueryKey[];
  onSuccess?: (result: TResult, variables: TVariables) => void;
}) {
  const client = useQueryClient();
  return useMutation<TResult, ApiRequestError, TVariables>({
    mutationFn: (variables) => {
      const { method, url, body } = call(variables);
      return sendJson<TResult>(method, url, body);
    },
    onSuccess: async (result, variables) => {
      await Promise.all(invalidates.map((queryKey) => client.invalidateQueries({ queryKey })));
      onSuccess?.(result, variables);
    },
  });
}
