export { convertOtlpMetrics, type OtlpConversion, type OtlpPoint } from "./convert";
export { estimateQuantile } from "./quantile";
export { otlpExportResponseSchema, otlpMetricsRequestSchema, type OtlpMetricsRequest } from "./schema";
