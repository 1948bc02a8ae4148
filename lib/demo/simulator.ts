import "server-only";
import { log } from "@/lib/log";
import { DEMO_KEY } from "./fleet";

/**
 * The live simulator: while the demo runs, it pushes fresh data every few seconds through the
 * public HTTP API with the demo key, exactly as a real ML system would, so the charts move.
 * Each domain contributes a tick; a tick gets a client for the API and the current time.
 */
export interface SimulatorClient {
  post(path: string, body: unknown): Promise<Response>;
}

export type SimulatorTick = (client: SimulatorClient, now: Date) => Promise<void>;

const TICK_MS = 5_000;

export function startSimulator(baseUrl: string, ticks: SimulatorTick[]): () => void {
  const client: SimulatorClient = {
    post: (path, body) =>
      fetch(new URL(path, baseUrl), {
        method: "POST",
        headers: { authorization: `Bearer ${DEMO_KEY}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      }),
  };
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      for (const tick of ticks) await tick(client, new Date());
    } catch (error) {
      log.warn("simulator tick failed", { error: String(error) });
    } finally {
      running = false;
    }
  }, TICK_MS);
  timer.unref();
  log.info("live simulator started", { every_ms: TICK_MS, ticks: ticks.length, target: baseUrl });
  return () => clearInterval(timer);
}
