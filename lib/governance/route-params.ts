import { apiError } from "@/lib/api/errors";
import { uuidSchema } from "./schemas";

/** A request or review id from the URL: anything that is not a UUID names no such thing. */
export function idParam(id: string, what: string): string {
  if (!uuidSchema.safeParse(id).success) throw apiError(404, `No ${what} ${id}`);
  return id;
}
