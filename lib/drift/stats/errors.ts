import { Invalid } from "../../errors";

/**
 * Input that no drift statistic can be computed from (empty sample, NaN, Infinity, mixed kinds, a
 * method that does not fit the data), naming where it is at fault: `current[3]`, `reference`,
 * `threshold` or `method`, as a request to compare two samples writes them.
 */
export class DriftInputError extends Invalid {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super([{ path, message }], message);
  }
}
