"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useState } from "react";
import { modelViewQuery, readModelView, type ModelView } from "./model-view";

/**
 * The model page's URL state for its client parts. A change is written with the History API, which
 * the App Router follows without a server round trip, so a control shows its new state at once;
 * a new window is pushed (Back undoes a zoom), anything else replaces. Until the router has read the
 * new address, the change is shown from local state, so the control answers in the same frame.
 */
export function useModelView(): [ModelView, (change: Partial<ModelView>) => void] {
  const params = useSearchParams();
  const pathname = usePathname();
  const key = params.toString();
  const [pending, setPending] = useState<{ key: string; view: ModelView } | null>(null);
  const view = pending && pending.key === key ? pending.view : readModelView(params);
  const set = (change: Partial<ModelView>) => {
    setPending({ key, view: { ...view, ...change } });
    const query = modelViewQuery(new URLSearchParams(window.location.search), change).toString();
    const url = `${pathname}${query ? `?${query}` : ""}${window.location.hash}`;
    if ("from" in change || "to" in change) window.history.pushState(null, "", url);
    else window.history.replaceState(null, "", url);
  };
  return [view, set];
}
