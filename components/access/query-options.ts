import { queryOptions } from "@tanstack/react-query";
import { fetchJson } from "@/lib/api/fetch-json";
import type { PublicKeyView, PublicUserView } from "@/lib/auth/schemas";
import type { PolicyView } from "@/lib/governance/queries";

/** An audit entry as the access pages show it: who did what to whom, and when. */
export interface ChangeEntry {
  seq: number;
  ts: string;
  actor: string;
  action: string;
  target: string;
  outcome: "success" | "failure" | "denied";
  detail: Record<string, unknown>;
}

export const usersQuery = () =>
  queryOptions({
    queryKey: ["users"],
    queryFn: async () => (await fetchJson<{ users: PublicUserView[] }>("/api/v1/users")).users,
  });

export const keysQuery = () =>
  queryOptions({
    queryKey: ["keys"],
    queryFn: async () => (await fetchJson<{ keys: PublicKeyView[] }>("/api/v1/keys")).keys,
  });

export const policiesQuery = () =>
  queryOptions({
    queryKey: ["policies"],
    queryFn: async () => (await fetchJson<{ policies: PolicyView[] }>("/api/v1/policies")).policies,
  });

/** The page's own recent changes: the newest audit entries whose action starts with the prefix. */
export const recentChangesQuery = (actionPrefix: string) =>
  queryOptions({
    queryKey: ["audit", "recent", actionPrefix],
    queryFn: async () =>
      (await fetchJson<{ entries: ChangeEntry[] }>(`/api/v1/audit?action=${encodeURIComponent(actionPrefix)}&limit=${RECENT_CHANGES}`)).entries,
  });

export const RECENT_CHANGES = 15;
