/** What a marker on a model's chart can stand for; shared by the API's schema and the charts. */
export const MARKER_KINDS = ["promotion", "rollback", "waiver", "drift_onset", "pipeline_failed", "incident"] as const;
export type MarkerKind = (typeof MARKER_KINDS)[number];
