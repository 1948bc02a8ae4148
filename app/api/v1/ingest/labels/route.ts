import { z } from "zod";
import { defineRoute } from "@/lib/api/route";
import { acceptedSchema } from "@/lib/ingest/schemas";
import { ingestLabels } from "@/lib/quality/commands";
import { ingestLabelsSchema } from "@/lib/quality/schemas";

export const POST = defineRoute({
  method: "POST",
  path: "/ingest/labels",
  tag: "Ingestion",
  summary: "Store a batch of ground-truth labels, joined to their predictions by id whichever arrives first",
  permission: "ingest",
  body: ingestLabelsSchema,
  response: acceptedSchema.extend({ matched: z.number().int() }),
  status: 202,
  idempotent: true,
  handler: ({ tx, body }) => ingestLabels(tx, body),
});
