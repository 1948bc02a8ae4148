export { convertOtlpMetrics, type OtlpConversion, type OtlpPoint } from "./convert";
export { estimateQuantile } from "./quantile";
export { otlpMetricsRequestSchema, type OtlpMetricsRequest } from "./schema";
