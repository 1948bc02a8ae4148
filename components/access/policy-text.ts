import type { PolicyView } from "@/lib/governance/queries";

export const APPROVERS = ["ml_lead", "compliance"] as const;

/** A policy's required approvals in words: "1 ml_lead + 1 compliance". */
export function describeApprovals(p: Pick<PolicyView, "required_approvals">): string {
  return (
    APPROVERS.filter((r) => (p.required_approvals[r] ?? 0) > 0)
      .map((r) => `${p.required_approvals[r]} ${r}`)
      .join(" + ") || "none"
  );
}
