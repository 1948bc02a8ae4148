"use client";

import { useSearchParams } from "next/navigation";

export const REFRESH_INTERVAL_MS = 15_000;

/** The refetch interval the top bar's auto-refresh toggle asks for. */
export function useRefreshInterval(): number | false {
  return useSearchParams().get("refresh") === "off" ? false : REFRESH_INTERVAL_MS;
}
