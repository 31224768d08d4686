import { formatDateTime } from "@/components/format";
import { Missing, Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { EvidenceRow } from "@/lib/domain/finding";
import { fieldHeader, sourceHeader } from "./labels";

function Value({ v }: { v: EvidenceRow["fields"][string] }) {
  if (v === null || v === "") return <Missing />;
  if (typeof v === "boolean") return <>{v ? "yes" : "no"}</>;
  return <>{String(v)}</>;
}

/**
 * The header row is upper-cased for style; a unit is not ("MBIT/S" reads as megabytes), so it
 * sits outside the transform: "RECEIVED (Mbit/s)".
 */
function FieldHeader({ field }: { field: string }) {
  const { words, unit } = fieldHeader(field);
  if (!unit) return <>{words}</>;
  return (
    <>
      {words} <span className="normal-case">({unit})</span>
    </>
  );
}

function SourceHeader({ source }: { source: string }) {
  const { words, command } = sourceHeader(source);
  return (
    <p className="mb-1 text-[11px] font-medium uppercase tracking-wide text-zinc-400">
      From the {words}
      {command && <span className="font-mono normal-case tracking-normal"> ({command})</span>}
    </p>
  );
}

/** One table per source (interface, neighbor table, …): each row with the host and time it came from. */
export function EvidenceTables({ rows }: { rows: EvidenceRow[] }) {
  const sources = [...new Set(rows.map((r) => r.source))];
  return (
    <div className="flex flex-col gap-3">
      {sources.map((source) => {
        const group = rows.filter((r) => r.source === source);
        const keys = [...new Set(group.flatMap((r) => Object.keys(r.fields)))];
        return (
          <div key={source}>
            <SourceHeader source={source} />
            <Table label={`Evidence: ${source}`} className="rounded border border-zinc-800">
            <THead>
              <tr>
                <TH>Host</TH>
                <TH>Seen</TH>
                {keys.map((k) => (
                  <TH key={k}>
                    <FieldHeader field={k} />
                  </TH>
                ))}
              </tr>
            </THead>
            <TBody>
              {group.map((r, i) => (
                <TR key={i}>
                  <TD>{r.hostName ?? <Missing />}</TD>
                  <TD className="text-zinc-400">{formatDateTime(r.at)}</TD>
                  {keys.map((k) => (
                    <TD key={k} mono={typeof r.fields[k] === "string"}>
                      <Value v={r.fields[k] ?? null} />
                    </TD>
                  ))}
                </TR>
              ))}
            </TBody>
            </Table>
          </div>
        );
      })}
    </div>
  );
}
