import "server-only";
import { ValidationError } from "@/lib/errors";
import { csvChunks, jsonChunks, type Table } from "@/lib/export/csv";

// Exports: `?format=csv|json` on a list API answers a file download instead of the page's
// JSON, streamed chunk by chunk from a paged query, with the list's own filters applied.

export type ExportFormat = "csv" | "json";

/** The export asked for, or null for the list API's usual answer; anything else is a 400. */
export function exportFormat(sp: URLSearchParams): ExportFormat | null {
  const f = sp.get("format");
  if (f === null) return null;
  if (f === "csv" || f === "json") return f;
  throw new ValidationError("format must be csv or json", { format: "csv or json" });
}

/** "netdiag-findings-2026-12-06.csv": a name that sorts by day, with only safe characters. */
export function exportFileName(what: string, format: ExportFormat, now = new Date()): string {
  return `netdiag-${what.replace(/[^a-z0-9-]+/gi, "-")}-${now.toISOString().slice(0, 10)}.${format}`;
}

export function download<T>(format: ExportFormat, what: string, table: Table<T>, items: AsyncIterable<T> | Iterable<T>): Response {
  const chunks = format === "csv" ? csvChunks(table, items) : jsonChunks(items);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (err) {
        // Headers are gone already: the download ends short, and the log says why.
        console.error(`netdiag: export of ${what} failed:`, err instanceof Error ? err.message : "unknown");
        controller.error(err);
      }
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  return new Response(body, {
    headers: {
      "content-type": format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="${exportFileName(what, format)}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
