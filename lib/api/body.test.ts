import { describe, expect, it } from "vitest";
import { ApiError } from "./errors";
import { MAX_JSON_DEPTH, parseJsonText } from "./body";

function refusal(text: string): ApiError {
  try {
    parseJsonText(text);
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error("accepted");
}

describe("parseJsonText", () => {
  it("names the first field holding NUL", () => {
    const error = refusal(`{"a":"ok","b":[{"c":"x\\u0000y"}],"d":"\\u0000"}`);
    expect(error.status).toBe(422);
    expect(error.details).toEqual([{ path: "b[0].c", message: expect.stringMatching(/NUL/) }]);
    expect(refusal(`{"k\\u0000":1}`).details?.[0].path).toBe("k\u0000");
  });

  it.each([3_000, 200_000])("refuses %i levels of nesting with 422 and a short path, without overflowing the stack", (depth) => {
    const error = refusal(`{"description":${"[".repeat(depth)}"a\\u0000b"${"]".repeat(depth)}}`);
    expect(error.status).toBe(422);
    expect(error.details?.[0].path).toBe(`description${"[0]".repeat(MAX_JSON_DEPTH - 1)}`);
  });

  it("accepts nesting up to the limit, and brackets inside strings do not count", () => {
    expect(parseJsonText(`${"[".repeat(MAX_JSON_DEPTH)}${"]".repeat(MAX_JSON_DEPTH)}`)).toBeDefined();
    expect(parseJsonText(JSON.stringify({ text: "[".repeat(1000) + '\\"{' }))).toEqual({ text: "[".repeat(1000) + '\\"{' });
  });

  it("names the field holding a lone surrogate, high or low, in a value or a key", () => {
    expect(refusal('{"a":{"b":["ok","x\\ud800"]}}').details).toEqual([{ path: "a.b[1]", message: "contains a lone surrogate" }]);
    expect(refusal('{"a":"\\udfff"}').details).toEqual([{ path: "a", message: "contains a lone surrogate" }]);
    expect(refusal('"\\ud83d"').details).toEqual([{ path: "(body)", message: "contains a lone surrogate" }]);
    expect(refusal('{"outer":{"k\\udc00":1}}').details).toEqual([{ path: "outer.k\ufffd", message: "contains a lone surrogate" }]);
  });

  it("reports the first problem in document order", () => {
    expect(refusal('{"a":[{"deep":"\\ud800"}],"b":"\\u0000"}').details?.[0].path).toBe("a[0].deep");
  });

  it("accepts surrogate pairs and text that merely mentions an escape", () => {
    expect(parseJsonText('{"e":"\\ud83d\\ude00","s":"\\\\ud800"}')).toEqual({ e: "\u{1F600}", s: "\\ud800" });
  });
});
