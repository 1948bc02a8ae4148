import { notFound } from "next/navigation";
import { DETAIL_RUNS } from "@/components/pipelines/href";
import { PipelineDetailView } from "@/components/pipelines/pipeline-detail";
import { pipelineQuery } from "@/components/pipelines/query-options";
import { requirePageUser } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db";
import { orNull } from "@/lib/not-found";
import { Prefetched, seed } from "@/lib/pages/prefetch";
import { getPipeline } from "@/lib/pipelines/queries";

type Props = { params: Promise<{ name: string }> };

// Page params keep an encoded slash (%2F) that route handlers decode: `namespace/job` arrives as
// `namespace%2Fjob`. Decode what is left, and fall back to the raw segment for names with a literal %.
function decodeName(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

async function loadPipeline(raw: string, now: Date) {
  const db = await getDb();
  for (const name of new Set([decodeName(raw), raw])) {
    const pipeline = await orNull(() => getPipeline(db, name, now, { limit: DETAIL_RUNS }));
    if (pipeline) return pipeline;
  }
  notFound();
}

export async function generateMetadata({ params }: Props) {
  return { title: decodeName((await params).name) };
}

export default async function PipelinePage({ params }: Props) {
  await requirePageUser();
  const now = new Date();
  const pipeline = await loadPipeline((await params).name, now);
  return (
    <Prefetched seeds={[seed(pipelineQuery(pipeline.name), pipeline)]}>
      <PipelineDetailView name={pipeline.name} />
    </Prefetched>
  );
}
