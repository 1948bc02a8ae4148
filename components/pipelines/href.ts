/** A pipeline page's address: the whole name is one path segment, so `namespace/job` keeps its slash as %2F. */
export function pipelineHref(name: string): string {
  return `/pipelines/${encodeURIComponent(name)}`;
}

export function pipelineApi(name: string): string {
  return `/api/v1/pipelines/${encodeURIComponent(name)}`;
}

/** How many runs the pipeline page draws: about two days of a 15-minute schedule. */
export const DETAIL_RUNS = 200;
