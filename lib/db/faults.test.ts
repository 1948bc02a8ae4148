import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "./faults";

const pg = (code: string, message = "x") => Object.assign(new Error(message), { code });
const wrapped = (cause: unknown) => Object.assign(new Error("Failed query: select 1"), { cause });

describe("isDatabaseUnavailable", () => {
  it.each([
    ["a refused connection", Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" })],
    ["a backend terminated by an administrator", pg("57P01")],
    ["a server that cannot accept connections now", pg("57P03")],
    ["a database not accepting connections", pg("55000")],
    ["a connection failure", pg("08006")],
    ["too many connections", pg("53300")],
    ["a connection cut mid-query", new Error("Connection terminated unexpectedly")],
    ["any of them wrapped by the query builder", wrapped(pg("57P01"))],
  ])("is true for %s", (_, error) => expect(isDatabaseUnavailable(error)).toBe(true));

  it.each([
    ["a unique violation", pg("23505")],
    ["a syntax error", pg("42601")],
    ["a plain error", new Error("boom")],
    ["a wrapped check violation", wrapped(pg("23514"))],
    ["nothing", undefined],
    ["a string", "ECONNREFUSED"],
  ])("is false for %s", (_, error) => expect(isDatabaseUnavailable(error)).toBe(false));
});
