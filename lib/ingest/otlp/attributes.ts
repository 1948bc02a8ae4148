import type { OtlpAnyValue, OtlpKeyValue } from "./schema";

export const MODEL_NAME_ATTRIBUTE = "ml.model.name";
export const MODEL_VERSION_ATTRIBUTE = "ml.model.version";

/** An attribute value as Plumbline label text: scalars as written, arrays and maps as JSON. */
function attributeText(value: OtlpAnyValue | undefined): string {
  const plain = value ? plainValue(value) : null;
  if (plain === null) return "";
  return typeof plain === "object" ? JSON.stringify(plain) : String(plain);
}

function plainValue(value: OtlpAnyValue): unknown {
  if (value.arrayValue) return value.arrayValue.values.map(plainValue);
  if (value.kvlistValue) return Object.fromEntries(value.kvlistValue.values.map(({ key, value }) => [key, value ? plainValue(value) : null]));
  return value.stringValue ?? value.boolValue ?? value.intValue ?? value.doubleValue ?? value.bytesValue ?? null;
}

/**
 * The model and version a data point belongs to: its own attributes first, then its resource's
 * (where an SDK sets them once for the whole process). An empty value counts as absent.
 */
export function modelOf(pointAttributes: OtlpKeyValue[], resourceAttributes: OtlpKeyValue[]): { model?: string; version?: string } {
  const lookUp = (key: string) =>
    [pointAttributes, resourceAttributes].map((attributes) => attributeText(attributes.find((attribute) => attribute.key === key)?.value)).find(Boolean);
  return { model: lookUp(MODEL_NAME_ATTRIBUTE), version: lookUp(MODEL_VERSION_ATTRIBUTE) };
}

/** The data point's other attributes, which tell its series apart; resource attributes describe the process and are not labels. */
export function labelsOf(pointAttributes: OtlpKeyValue[]): Record<string, string> {
  return Object.fromEntries(
    pointAttributes.filter(({ key }) => key !== MODEL_NAME_ATTRIBUTE && key !== MODEL_VERSION_ATTRIBUTE).map(({ key, value }) => [key, attributeText(value)]),
  );
}
