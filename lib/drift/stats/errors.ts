/**
 * Input that no drift statistic can be computed from (empty sample, NaN, Infinity,
 * mixed kinds, a method that does not fit the data). The HTTP layer answers it with 422.
 */
export class DriftInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DriftInputError";
  }
}
