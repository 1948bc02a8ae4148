import "server-only";
import type { SimulatorTick } from "./simulator";

/** Every domain's contribution to the live simulator, run in this order each tick. */
export const DEMO_TICKS: SimulatorTick[] = [];
