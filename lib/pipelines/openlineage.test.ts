import { describe, expect, it } from "vitest";
import { formatPath } from "@/lib/api/body";
import { runEventSchema, runEventToReport } from "./openlineage";
import { mergeRun, refusedCorrection, type RunReport, type RunState } from "./reports";

// The "START event with single input" and "COMPLETE event with single output" examples of the
// OpenLineage specification (website/docs/spec/examples.md), verbatim.
const SPEC_START = {
  eventType: "START",
  eventTime: "2020-12-28T19:52:00.001+10:00",
  run: { runId: "d46e465b-d358-4d32-83d4-df660ff614dd" },
  job: { namespace: "workshop", name: "process_taxes" },
  inputs: [{ namespace: "postgres://workshop-db:None", name: "workshop.public.taxes" }],
  producer: "https://github.com/OpenLineage/OpenLineage/blob/v1-0-0/client",
};

const SPEC_COMPLETE = {
  eventType: "COMPLETE",
  eventTime: "2020-12-28T20:52:00.001+10:00",
  run: { runId: "d46e465b-d358-4d32-83d4-df660ff614dd" },
  job: { namespace: "workshop", name: "process_taxes" },
  outputs: [{ namespace: "postgres://workshop-db:None", name: "workshop.public.unpaid_taxes" }],
  producer: "https://github.com/OpenLineage/OpenLineage/blob/v1-0-0/client",
};

// The spec's "START event with Facets (run and job)": Airflow's own facets pass through.
const SPEC_START_WITH_FACETS = {
  ...SPEC_START,
  run: {
    runId: "d46e465b-d358-4d32-83d4-df660ff614dd",
    facets: {
      airflow_runArgs: { _producer: "https://github.com/OpenLineage/OpenLineage/tree/0.10.0/integration/airflow", _schemaURL: "x", externalTrigger: true },
      nominalTime: { _producer: "p", _schemaURL: "x", nominalStartTime: "2022-07-29T14:14:31.458067Z" },
      parentRun: {
        _producer: "p",
        _schemaURL: "x",
        job: { name: "etl_orders", namespace: "cosmic_energy" },
        run: { runId: "1ba6fdaa-fb80-36ce-9c5b-295f544ec462" },
      },
    },
  },
  job: {
    namespace: "workshop",
    name: "process_taxes",
    facets: { sql: { _producer: "p", _schemaURL: "x", query: "INSERT into taxes values(1, 100, 1000, 4000);" } },
  },
};

// The FAIL counterpart, with the spec's ErrorMessageRunFacet.
const FAIL = {
  ...SPEC_COMPLETE,
  eventType: "FAIL",
  run: {
    runId: "d46e465b-d358-4d32-83d4-df660ff614dd",
    facets: {
      errorMessage: {
        _producer: "https://some.producer.com/version/1.0",
        _schemaURL: "https://openlineage.io/spec/facets/1-0-0/ErrorMessageRunFacet.json",
        message: "org.apache.spark.sql.AnalysisException: Table or view not found: wrong_table_name; line 1 pos 14",
        programmingLanguage: "JAVA",
      },
    },
  },
};

const parse = (event: unknown) => runEventToReport(runEventSchema.parse(event));
const RECEIVED = new Date("2021-01-01T00:00:00Z");
const fold = (...events: unknown[]) => events.reduce<RunState | null>((state, event) => mergeRun(state, parse(event), null, RECEIVED), null);

describe("OpenLineage RunEvent → pipeline run", () => {
  it("maps the spec's START example: namespace/name is the pipeline, the event time the start", () => {
    expect(parse(SPEC_START)).toEqual({
      pipeline: "workshop/process_taxes",
      runId: "d46e465b-d358-4d32-83d4-df660ff614dd",
      status: "running",
      startedAt: new Date("2020-12-28T09:52:00.001Z"),
      finishedAt: null,
      rowsIn: null,
      rowsOut: null,
      error: null,
      checks: null,
      produces: null,
      producesPath: "outputs",
    });
  });

  it("maps the spec's COMPLETE example to a success finished at its event time", () => {
    const report = parse(SPEC_COMPLETE);
    expect(report).toMatchObject({
      pipeline: "workshop/process_taxes",
      status: "succeeded",
      startedAt: null,
      finishedAt: new Date("2020-12-28T10:52:00.001Z"),
    });
  });

  it("accepts the spec's START with Airflow run and job facets", () => {
    expect(parse(SPEC_START_WITH_FACETS)).toMatchObject({ status: "running", pipeline: "workshop/process_taxes" });
  });

  it("maps FAIL to failed with the ErrorMessageRunFacet's message, and ABORT to failed", () => {
    expect(parse(FAIL)).toMatchObject({ status: "failed", error: expect.stringContaining("Table or view not found") });
    expect(parse({ ...SPEC_COMPLETE, eventType: "ABORT" })).toMatchObject({ status: "failed", error: "aborted" });
    expect(parse({ ...SPEC_COMPLETE, eventType: "RUNNING" })).toMatchObject({ status: "running", startedAt: null, finishedAt: null });
    expect(parse({ ...SPEC_COMPLETE, eventType: "OTHER" })).toMatchObject({ status: null, finishedAt: null });
  });

  it("reads row counts, data-quality assertions and the produced model version from dataset facets", () => {
    const report = parse({
      ...SPEC_COMPLETE,
      inputs: [
        { namespace: "s3://raw", name: "events", inputFacets: { inputStatistics: { rowCount: 700 } } },
        {
          namespace: "s3://raw",
          name: "users",
          inputFacets: { dataQualityMetrics: { rowCount: 300, columnMetrics: {} } },
          facets: { dataQualityAssertions: { assertions: [{ assertion: "not_null", success: false, column: "email", failures: 12 }] } },
        },
      ],
      outputs: [
        { namespace: "s3://features", name: "a", outputFacets: { outputStatistics: { rowCount: 900, size: 1 } } },
        {
          namespace: "s3://models",
          name: "fraud",
          outputFacets: { outputStatistics: { rowCount: 5 } },
          facets: {
            plumbline_produces: { model: "fraud-detector", version: "v4" },
            dataQualityAssertions: { assertions: [{ assertion: "row_count", success: true }] },
          },
        },
      ],
    });
    expect(report).toMatchObject({
      rowsIn: 1000,
      rowsOut: 905,
      checks: [
        { name: "not_null(email) on users", passed: false, observed: 12 },
        { name: "row_count on fraud", passed: true, observed: null },
      ],
      produces: { model: "fraud-detector", version: "v4" },
      producesPath: "outputs[1].facets.plumbline_produces",
    });
  });

  it("names the field at fault in an event it cannot use", () => {
    const paths = (event: unknown) => runEventSchema.safeParse(event).error?.issues.map((i) => formatPath(i.path));
    expect(paths({ ...SPEC_START, run: {} })).toEqual(["run.runId"]);
    expect(paths({ ...SPEC_START, eventType: "FINISHED" })).toEqual(["eventType"]);
    expect(paths({ ...SPEC_START, eventTime: "yesterday" })).toEqual(["eventTime"]);
    expect(paths({ ...SPEC_COMPLETE, outputs: [{ namespace: "n", name: "o", outputFacets: { outputStatistics: { rowCount: -1 } } }] })).toEqual([
      "outputs[0].outputFacets.outputStatistics.rowCount",
    ]);
    expect(paths({ ...SPEC_START, job: { namespace: "ns", name: "tab\tname" } })).toEqual(["job.name"]);
  });
});

describe("merging reports about one run", () => {
  it("yields one finished run whether the COMPLETE arrives before or after its START", () => {
    const inOrder = fold(SPEC_START, SPEC_COMPLETE);
    const outOfOrder = fold(SPEC_COMPLETE, SPEC_START);
    const expected = {
      status: "succeeded",
      startedAt: new Date("2020-12-28T09:52:00.001Z"),
      finishedAt: new Date("2020-12-28T10:52:00.001Z"),
    };
    expect(inOrder).toMatchObject(expected);
    expect(outOfOrder).toEqual(inOrder);
  });

  it("never lets a late RUNNING or START undo a FAIL, and keeps its error", () => {
    expect(fold(SPEC_START, FAIL, { ...SPEC_START, eventType: "RUNNING" })).toMatchObject({
      status: "failed",
      error: expect.stringContaining("Table or view"),
    });
  });

  it("keeps what earlier reports said when a later one leaves it out, and merges checks by name", () => {
    const first: RunState = {
      status: "running",
      startedAt: new Date("2026-01-01T00:00:00Z"),
      finishedAt: null,
      rowsIn: 10,
      rowsOut: null,
      error: null,
      checks: [
        { name: "a", passed: true },
        { name: "b", passed: true },
      ],
      producesVersionId: "v-1",
    };
    const merged = mergeRun(
      first,
      {
        pipeline: "p",
        runId: "r",
        status: "succeeded",
        startedAt: null,
        finishedAt: null,
        rowsIn: null,
        rowsOut: 7,
        error: null,
        checks: [
          { name: "b", passed: false, observed: 3 },
          { name: "c", passed: true },
        ],
        produces: null,
        producesPath: "produces",
      },
      null,
      RECEIVED,
    );
    expect(merged).toEqual({
      status: "succeeded",
      startedAt: first.startedAt,
      // It finished without saying when: the time it was received.
      finishedAt: RECEIVED,
      rowsIn: 10,
      rowsOut: 7,
      error: null,
      checks: [
        { name: "a", passed: true },
        { name: "b", passed: false, observed: 3 },
        { name: "c", passed: true },
      ],
      producesVersionId: "v-1",
    });
  });
});

describe("what a later report may no longer change", () => {
  const finished: RunState = {
    status: "failed",
    startedAt: new Date("2026-01-01T00:00:00Z"),
    finishedAt: new Date("2026-01-01T01:00:00Z"),
    rowsIn: null,
    rowsOut: null,
    error: "OOM",
    checks: [{ name: "auc", passed: false }],
    producesVersionId: "v-1",
  };
  const report = (over: Partial<RunReport>): RunReport => ({
    pipeline: "p",
    runId: "r1",
    status: null,
    startedAt: null,
    finishedAt: null,
    rowsIn: null,
    rowsOut: null,
    error: null,
    checks: null,
    produces: null,
    producesPath: "produces",
    ...over,
  });

  it("refuses the other final status for a finished run, either way round", () => {
    expect(refusedCorrection(fold(FAIL), parse(SPEC_COMPLETE), null)).toMatch(/already failed: a finished run keeps its status/);
    expect(refusedCorrection(fold(SPEC_COMPLETE), parse(FAIL), null)).toMatch(/already succeeded/);
    expect(refusedCorrection(finished, report({ status: "succeeded" }), null)).toBe("Run r1 of p already failed: a finished run keeps its status");
  });

  it("lets the same final status come again with rows, new checks, an error and the finish time", () => {
    const later = report({ status: "failed", rowsOut: 12, checks: [{ name: "schema", passed: true }], finishedAt: new Date(), error: "OOM again" });
    expect(refusedCorrection(finished, later, "v-1")).toBeNull();
    expect(refusedCorrection(finished, report({ status: "running" }), null)).toBeNull();
  });

  it("keeps the outcome of a finished run's checks, but not of a running one's", () => {
    expect(refusedCorrection(finished, report({ checks: [{ name: "auc", passed: true }] }), null)).toMatch(/check auc is kept/);
    expect(refusedCorrection({ ...finished, status: "running", finishedAt: null }, report({ checks: [{ name: "auc", passed: true }] }), null)).toBeNull();
  });

  it("keeps the version a run said it produced, finished or not", () => {
    expect(refusedCorrection(finished, report({}), "v-2")).toMatch(/already reported the model version it produced/);
    expect(refusedCorrection({ ...finished, status: "running" }, report({}), "v-2")).toMatch(/cannot change/);
    expect(refusedCorrection({ ...finished, producesVersionId: null }, report({}), "v-2")).toBeNull();
  });

  it("has nothing to refuse about a run it has not heard of", () => {
    expect(refusedCorrection(null, report({ status: "succeeded" }), "v-2")).toBeNull();
  });
});
