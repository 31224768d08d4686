import { Table, TBody, TH, THead } from "@/components/ui/table";
import type { RunDetail } from "@/lib/domain/views";
import { RunRow } from "./run-row";

export function RunsTable({ runs }: { runs: RunDetail[] }) {
  return (
    <Table label="Recent runs">
      <THead>
        <tr>
          <TH>Started</TH>
          <TH>Status</TH>
          <TH align="right">Duration</TH>
          <TH>Error</TH>
          <TH>Commands</TH>
        </tr>
      </THead>
      <TBody>
        {runs.map((r) => (
          <RunRow key={r.runId} run={r} />
        ))}
      </TBody>
    </Table>
  );
}
