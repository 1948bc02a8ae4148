export * from "./auth";
export * from "./registry";
export * from "./audit";
export * from "./metrics";
export * from "./pipelines";
export * from "./governance";
export * from "./drift";
export * from "./api";
