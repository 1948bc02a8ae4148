import { ApiError } from "@/lib/api/errors";
import { getDb } from "@/lib/db";
import { modelDrift, type ModelDriftAnswer } from "@/lib/drift/queries";
import { ModelDriftView } from "./model-drift-view";

const DAY_MS = 86_400_000;

/** The model page's Drift section: the production version over the last 24 h, first paint from the domain. */
export async function ModelDrift({ model }: { model: string }) {
  const to = new Date();
  let initial: ModelDriftAnswer | null = null;
  try {
    initial = await modelDrift(await getDb(), model, { from: new Date(to.getTime() - DAY_MS), to });
  } catch (error) {
    // No production version: nothing live to judge, which the view says in words.
    if (!(error instanceof ApiError && error.status === 404)) throw error;
  }
  return <ModelDriftView model={model} initial={initial} />;
}
