import "server-only";
import { pushLiveFeatures } from "@/lib/drift/demo";
import { pipelineTick } from "@/lib/pipelines/demo";
import { pushLiveMetrics } from "@/lib/metrics/demo";
import { pushLivePredictions } from "@/lib/quality/demo";
import type { SimulatorTick } from "./simulator";

/** Every domain's contribution to the live simulator, run in this order each tick. */
export const DEMO_TICKS: SimulatorTick[] = [pushLiveMetrics, pipelineTick, pushLiveFeatures, pushLivePredictions];
