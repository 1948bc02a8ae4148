"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useCallback } from "react";
import { modelViewQuery, readModelView, type ModelView } from "./model-view";

/**
 * The model page's URL state for its client parts. A change is written with the History API, which
 * the App Router follows without a server round trip, so a control shows its new state at once;
 * a new window is pushed (Back undoes a zoom), anything else replaces.
 */
export function useModelView(): [ModelView, (change: Partial<ModelView>) => void] {
  const params = useSearchParams();
  const pathname = usePathname();
  const set = useCallback(
    (change: Partial<ModelView>) => {
      const query = modelViewQuery(new URLSearchParams(window.location.search), change).toString();
      const url = `${pathname}${query ? `?${query}` : ""}${window.location.hash}`;
      if ("from" in change || "to" in change) window.history.pushState(null, "", url);
      else window.history.replaceState(null, "", url);
    },
    [pathname],
  );
  return [readModelView(params), set];
}
