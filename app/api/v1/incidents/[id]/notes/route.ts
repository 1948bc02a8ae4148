import { defineRoute } from "@/lib/api/route";
import { uuidParam } from "@/lib/api/params";
import { addNote } from "@/lib/incidents/commands";
import { noteSchema, timelineEntrySchema } from "@/lib/incidents/schemas";

export const POST = defineRoute({
  method: "POST",
  path: "/incidents/{id}/notes",
  tag: "Incidents",
  summary: "Add a note to an incident's timeline",
  permission: "incidents.manage",
  params: { id: uuidParam },
  body: noteSchema,
  response: timelineEntrySchema,
  status: 201,
  handler: ({ db, params, body, caller }) => addNote(db, params.id, body.text, caller),
});
