import { formatBytesExact } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";
import { Missing, Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { MtuProbeView } from "@/lib/domain/mtu-probe";
import { packetBytes, probeResult } from "./probe-result";

/** One row per probe path and size, from or to `hostId`; arrows are relative to this host. */
export function MtuProbesTable({ hostId, probes }: { hostId: number; probes: MtuProbeView[] }) {
  // Only Linux names the limiting MTU in its refusal, and only on some paths: a column that is
  // empty on every row reads as "something failed to load".
  const anyReported = probes.some((p) => p.reportedMtu !== null);
  return (
    <Table label="MTU probes">
      <THead>
        <tr>
          <TH>Peer</TH>
          <TH>Result</TH>
          <TH align="right">Packet size</TH>
          <TH align="right">MTU sender / receiver</TH>
          <TH align="right">Loss</TH>
          {anyReported && <TH align="right">Limit named in the refusal</TH>}
          <TH>Path</TH>
          <TH>When</TH>
        </tr>
      </THead>
      <TBody>
        {probes.map((p) => {
          const outgoing = p.fromHostId === hostId;
          const result = probeResult(p);
          return (
            <TR key={p.id}>
              <TD>
                <span className="mr-1 text-zinc-400" aria-hidden="true">
                  {outgoing ? "→" : "←"}
                </span>
                <span className="sr-only">{outgoing ? "to " : "from "}</span>
                {outgoing ? p.toHostName : p.fromHostName}
              </TD>
              <TD wrap>
                <Badge tone={result.tone} dot>
                  {result.label}
                </Badge>
                {p.error && <div className="mt-0.5 min-w-48 max-w-md text-xs text-zinc-400">{p.error}</div>}
              </TD>
              <TD align="right">{formatBytesExact(packetBytes(p.payloadBytes))}</TD>
              <TD align="right">
                {p.expectedMtu} / {p.peerMtu ?? <Missing />}
              </TD>
              <TD align="right">{p.lossPercent === null ? <Missing /> : `${p.lossPercent}%`}</TD>
              {anyReported && <TD align="right">{p.reportedMtu ?? <Missing />}</TD>}
              <TD mono>
                {p.fromAddress} → {p.toAddress}
              </TD>
              <TD>
                <RelativeTime iso={p.at} />
              </TD>
            </TR>
          );
        })}
      </TBody>
    </Table>
  );
}
