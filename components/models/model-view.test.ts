import { describe, expect, it } from "vitest";
import { modelViewQuery, modelWindow, readModelView } from "./model-view";

describe("the model page's URL state", () => {
  it("reads defaults from a plain address", () => {
    expect(readModelView(new URLSearchParams())).toEqual({ range: "24h", from: null, to: null, latency: "p95", hidden: [], feature: null });
  });

  it("reads hidden series, the feature, the percentile and a zoomed window, from the server's record too", () => {
    const view = readModelView({ range: "7d", hide: "v3,v1,v3", feature: "amount", latency: "p99", from: "2026-11-20T10:00:00Z", to: "2026-11-20T12:00:00Z" });
    expect(view).toEqual({
      range: "7d",
      from: "2026-11-20T10:00:00.000Z",
      to: "2026-11-20T12:00:00.000Z",
      latency: "p99",
      hidden: ["v1", "v3"],
      feature: "amount",
    });
  });

  it("drops a window that is not one", () => {
    expect(readModelView(new URLSearchParams("from=nonsense")).from).toBeNull();
    const backwards = readModelView(new URLSearchParams("from=2026-11-20T12:00:00Z&to=2026-11-20T10:00:00Z"));
    expect([backwards.from, backwards.to]).toEqual([null, null]);
    expect(readModelView(new URLSearchParams("latency=p42")).latency).toBe("p95");
  });

  it("writes back what it reads, keeps other parameters and leaves defaults out", () => {
    const current = new URLSearchParams("quality_metric=auc&range=7d");
    const query = modelViewQuery(current, { hidden: ["v2", "v1"], feature: "amount" });
    expect(query.toString()).toBe("quality_metric=auc&range=7d&hide=v1%2Cv2&feature=amount");
    expect(readModelView(query)).toMatchObject({ range: "7d", hidden: ["v1", "v2"], feature: "amount" });
    const cleared = modelViewQuery(query, { hidden: [], feature: null, latency: "p95" });
    expect(cleared.toString()).toBe("quality_metric=auc&range=7d");
    expect(modelViewQuery(new URLSearchParams(), {}).toString()).toBe("");
  });

  it("round-trips a zoom and clears `to` with `from`", () => {
    const zoomed = modelViewQuery(new URLSearchParams(), { from: "2026-11-20T10:00:00.000Z", to: "2026-11-20T11:00:00.000Z" });
    expect(readModelView(zoomed)).toMatchObject({ from: "2026-11-20T10:00:00.000Z", to: "2026-11-20T11:00:00.000Z" });
    expect(modelViewQuery(zoomed, { from: null }).toString()).toBe("");
  });

  it("names the window the figures cover", () => {
    const now = Date.parse("2026-11-20T12:00:00Z");
    expect(modelWindow(readModelView(new URLSearchParams("range=7d")), now)).toMatchObject({ label: "Last 7 d", zoomed: false });
    const since = modelWindow(readModelView(new URLSearchParams("from=2026-11-20T09:00:00Z")), now);
    expect([since.from.toISOString(), since.to.toISOString(), since.zoomed]).toEqual(["2026-11-20T09:00:00.000Z", "2026-11-20T12:00:00.000Z", true]);
  });
});
