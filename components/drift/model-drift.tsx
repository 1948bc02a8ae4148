import { getDb } from "@/lib/db";
import { orNull } from "@/lib/not-found";
import { modelDrift } from "@/lib/drift/queries";
import { modelWindow, type ModelView } from "@/components/models/model-view";
import { Prefetched, seed } from "@/lib/pages/prefetch";
import { ModelDriftView } from "./model-drift-view";
import { modelDriftQuery } from "./query-options";

/** The model page's Drift section: the production version over the page's window, first paint from the domain. */
export async function ModelDrift({ model, view }: { model: string; view: ModelView }) {
  const { from, to } = modelWindow(view, new Date().getTime());
  // No production version: nothing live to judge, which the view says in words.
  const initial = await orNull(async () => modelDrift(await getDb(), model, { from, to }));
  if (!initial) return <ModelDriftView model={model} inProduction={false} />;
  return (
    <Prefetched seeds={[seed(modelDriftQuery(model, view), initial)]}>
      <ModelDriftView model={model} inProduction />
    </Prefetched>
  );
}
