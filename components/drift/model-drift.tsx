import { getDb } from "@/lib/db";
import { orNull } from "@/lib/not-found";
import { modelDrift } from "@/lib/drift/queries";
import { ModelDriftView } from "./model-drift-view";

const DAY_MS = 86_400_000;

/** The model page's Drift section: the production version over the last 24 h, first paint from the domain. */
export async function ModelDrift({ model }: { model: string }) {
  const to = new Date();
  // No production version: nothing live to judge, which the view says in words.
  const initial = await orNull(async () => modelDrift(await getDb(), model, { from: new Date(to.getTime() - DAY_MS), to }));
  return <ModelDriftView model={model} initial={initial} />;
}
