import "server-only";
import { livePoints } from "./metrics-history";
import type { SimulatorTick } from "./simulator";

/** Every tick, each serving version reports its current latency, traffic and errors. */
export const pushLiveMetrics: SimulatorTick = async (client, now) => {
  const points = livePoints(now.getTime());
  if (points.length) await client.post("/api/v1/ingest/metrics", { points });
};
