import { RULE_KINDS, type RuleKind } from "@/lib/incidents/kinds";

/** A rule's condition in words, as the rules table and the form's preview show it. */
export function conditionText(kind: string, condition: Record<string, unknown>): string {
  if (kind === "metric_threshold") {
    const held = typeof condition.for_seconds === "number" && condition.for_seconds > 0 ? `, held ${condition.for_seconds} s` : "";
    return `${condition.aggregation} ${condition.metric} over ${Number(condition.window_seconds) / 60} min ${condition.op} ${condition.threshold}${held}`;
  }
  if (kind === "drift") {
    if (typeof condition.feature === "string") return `feature ${condition.feature} drifts`;
    return `drifted share ≥ ${typeof condition.share_at_least === "number" ? `${condition.share_at_least * 100} %` : "the drifting verdict's share"}`;
  }
  return kind === "pipeline_stale" ? "no successful run within its promise" : "a run fails";
}

export function kindLabel(kind: string): string {
  return RULE_KINDS[kind as RuleKind]?.label ?? kind;
}
