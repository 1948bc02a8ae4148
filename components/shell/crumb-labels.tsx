"use client";

import { useEffect, useSyncExternalStore } from "react";

/**
 * Names for path segments the breadcrumb cannot name by itself (a request's or an incident's UUID):
 * the page that knows the name renders a CrumbLabel, the top bar reads it.
 */
let labels: Readonly<Record<string, string>> = {};
const listeners = new Set<() => void>();
const EMPTY: Readonly<Record<string, string>> = {};

function set(next: Readonly<Record<string, string>>) {
  labels = next;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useCrumbLabels(): Readonly<Record<string, string>> {
  return useSyncExternalStore(
    subscribe,
    () => labels,
    () => EMPTY,
  );
}

/** Shows `label` instead of `segment` in the breadcrumb while this is mounted. */
export function CrumbLabel({ segment, label }: { segment: string; label: string }) {
  useEffect(() => {
    set({ ...labels, [segment]: label });
    return () => {
      const { [segment]: _gone, ...rest } = labels;
      void _gone;
      set(rest);
    };
  }, [segment, label]);
  return null;
}
