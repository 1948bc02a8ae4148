import { z } from "zod";

/** Field types shared by every API schema, so that each says "finite" and "RFC 3339" one way. */
export const finiteNumber = z.number().refine(Number.isFinite, "must be a finite number");

export const rfc3339 = z.iso.datetime({ offset: true, message: "must be an RFC 3339 time, e.g. 2026-11-25T12:00:00Z" });
