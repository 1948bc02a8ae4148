import { describe, expect, it } from "vitest";
import { parseJsonText } from "./body";
import type { ApiError } from "./errors";

function refusal(text: string): Pick<ApiError, "status" | "message" | "details"> {
  try {
    parseJsonText(text);
  } catch (error) {
    const { status, message, details } = error as ApiError;
    return { status, message, details };
  }
  throw new Error("parsed without refusal");
}

describe("parseJsonText refuses text the database cannot store as sent", () => {
  it("names the field holding a lone surrogate, high or low, in a value", () => {
    expect(refusal('{"a":{"b":["ok","x\\ud800"]}}')).toMatchObject({ status: 422, details: [{ path: "a.b[1]", message: "contains a lone surrogate" }] });
    expect(refusal('{"a":"\\udfff"}').details).toEqual([{ path: "a", message: "contains a lone surrogate" }]);
    expect(refusal('"\\ud83d"').details).toEqual([{ path: "(body)", message: "contains a lone surrogate" }]);
  });

  it("names a key holding one, in a form the answer can carry", () => {
    expect(refusal('{"outer":{"k\\udc00":1}}').details).toEqual([{ path: "outer.k\ufffd", message: "contains a lone surrogate" }]);
  });

  it("reports the first problem in document order, NUL included", () => {
    expect(refusal('{"a":[{"deep":"\\ud800"}],"b":"\\u0000"}').details?.[0].path).toBe("a[0].deep");
    expect(refusal('{"a":"fine","b":"n\\u0000l"}')).toMatchObject({ message: expect.stringMatching(/NUL/), details: [{ path: "b" }] });
  });

  it("accepts surrogate pairs and text that merely mentions an escape", () => {
    expect(parseJsonText('{"e":"\\ud83d\\ude00","s":"\\\\ud800"}')).toEqual({ e: "😀", s: "\\ud800" });
  });

  it("walks any depth without overflowing the stack", () => {
    const depth = 50_000;
    const text = `${"[".repeat(depth)}"\\ud800"${"]".repeat(depth)}`;
    const answer = refusal(text);
    expect(answer.status).toBe(422);
    expect(answer.details?.[0].path).toBe("[0]".repeat(depth));
  });
});
