// The part of autocannon's API the bench uses (the package ships no types).
declare module "autocannon" {
  import type { EventEmitter } from "node:events";
  interface Options {
    url: string;
    method?: string;
    connections?: number;
    duration?: number;
    headers?: Record<string, string>;
    body?: string;
  }
  interface Result {
    requests: { total: number };
    errors: number;
    non2xx: number;
    latency: Record<string, number>;
  }
  type Instance = Promise<Result> & EventEmitter;
  function autocannon(options: Options): Instance;
  export default autocannon;
}
