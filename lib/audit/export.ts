import "server-only";
import type { Db } from "@/lib/db";
import type { ChainedEntry } from "./chain";
import { queryAudit, type AuditFilter } from "./queries";

export const EXPORT_FORMATS = ["csv", "ndjson"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const PAGE = 500;
const CSV_COLUMNS = ["seq", "ts", "actor", "action", "target", "outcome", "ip", "detail", "prev_hash", "hash"] as const;

function csvCell(value: string): string {
  // A cell a spreadsheet would run as a formula (an attacker can choose the email of a failed
  // sign-in) is prefixed with a quote. NDJSON is the exact form for machines and hash checks.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(entry: ChainedEntry): string {
  const cells: Record<(typeof CSV_COLUMNS)[number], string> = {
    seq: String(entry.seq),
    ts: entry.ts,
    actor: entry.actor,
    action: entry.action,
    target: entry.target,
    outcome: entry.outcome,
    ip: entry.ip ?? "",
    detail: JSON.stringify(entry.detail),
    prev_hash: entry.prevHash,
    hash: entry.hash,
  };
  return CSV_COLUMNS.map((c) => csvCell(cells[c])).join(",") + "\r\n";
}

export function ndjsonLine(entry: ChainedEntry): string {
  const { seq, ts, actor, action, target, outcome, detail, ip, prevHash, hash } = entry;
  return JSON.stringify({ seq, ts, actor, action, target, outcome, detail, ip, prev_hash: prevHash, hash }) + "\n";
}

/**
 * The filtered trail, newest first like GET /audit, as a stream that pulls one page at a time
 * only when the client reads: memory stays flat however long the trail is.
 */
export function exportStream(db: Db, format: ExportFormat, filter: Omit<AuditFilter, "limit" | "before">): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const line = format === "csv" ? csvLine : ndjsonLine;
  let before: number | undefined;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        if (format === "csv") controller.enqueue(encoder.encode(CSV_COLUMNS.join(",") + "\r\n"));
      }
      const page = await queryAudit(db, { ...filter, before, limit: PAGE });
      if (page.entries.length) controller.enqueue(encoder.encode(page.entries.map(line).join("")));
      if (page.next_cursor === null) controller.close();
      else before = Number(page.next_cursor);
    },
  });
}
