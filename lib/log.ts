/**
 * Structured JSON logs, one object a line. Callers pass facts, never secrets: no passwords,
 * keys, tokens or session cookies ever reach a log field.
 */
type Level = "debug" | "info" | "warn" | "error";

function write(level: Level, message: string, fields: Record<string, unknown> = {}) {
  if (level === "debug" && !process.env.PLUMBLINE_DEBUG) return;
  const line = JSON.stringify({ ts: new Date().toISOString(), level, message, ...fields });
  if (level === "error" || level === "warn") process.stderr.write(line + "\n");
  else process.stdout.write(line + "\n");
}

export const log = {
  debug: (message: string, fields?: Record<string, unknown>) => write("debug", message, fields),
  info: (message: string, fields?: Record<string, unknown>) => write("info", message, fields),
  warn: (message: string, fields?: Record<string, unknown>) => write("warn", message, fields),
  error: (message: string, fields?: Record<string, unknown>) => write("error", message, fields),
};
