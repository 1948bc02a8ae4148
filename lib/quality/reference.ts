import "server-only";
import { eq } from "drizzle-orm";
import { referenceCalibrations } from "@/drizzle/schema";
import type { Tx } from "@/lib/db";
import type { ReferenceCalibration } from "./calibration";

/** Replaces a version's calibration, in the transaction that replaces its reference sample. */
export async function saveReferenceCalibration(tx: Tx, versionId: string, fitted: ReferenceCalibration): Promise<void> {
  await tx.delete(referenceCalibrations).where(eq(referenceCalibrations.modelVersionId, versionId));
  await tx.insert(referenceCalibrations).values({ modelVersionId: versionId, labeledScores: fitted.labeledScores, calibration: fitted.calibration });
}
