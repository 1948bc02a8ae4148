import { z } from "zod";
import { finiteNumber } from "@/lib/api/fields";

/**
 * A prediction or a label. Which kinds fit depends on the model's task (0/1 or false/true for
 * binary, a class for multiclass, a number for regression): checked against the task when stored.
 */
export const outputValueSchema = z.union([finiteNumber, z.string().min(1).max(200, "at most 200 characters"), z.boolean()]);

/** A binary classifier's probability of the positive class. */
export const scoreSchema = finiteNumber.refine((s) => s >= 0 && s <= 1, "must be a probability in [0, 1]");

export type OutputValue = z.infer<typeof outputValueSchema>;
