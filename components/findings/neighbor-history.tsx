import { SectionCard } from "@/components/ui/card";
import { Badge, type Tone } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";
import { Missing, Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { NeighborEventItem } from "@/lib/domain/views";

const CHANGE: Record<NeighborEventItem["kind"], { label: string; tone: Tone }> = {
  appeared: { label: "appeared", tone: "ok" },
  changed: { label: "changed ethernet address", tone: "warn" },
  gone: { label: "went away", tone: "neutral" },
};

/** When each IP↔MAC pair in this host's neighbor table appeared, changed or went away (newest first). */
export function NeighborHistory({ events }: { events: NeighborEventItem[] }) {
  return (
    <SectionCard id="neighbor-history" title="Neighbor history" meta={events.length ? `last ${events.length} changes` : undefined}>
      {events.length === 0 ? (
        <p className="px-4 py-3 text-sm text-zinc-400">No changes yet: the first collection is the baseline, changes show up from the next one on.</p>
      ) : (
        <Table label="Neighbor history">
          <THead>
            <tr>
              <TH>When</TH>
              <TH>Change</TH>
              <TH>IP</TH>
              <TH>MAC</TH>
              <TH>Previous MAC</TH>
              <TH>Interface</TH>
            </tr>
          </THead>
          <TBody>
            {events.map((e) => (
              <TR key={e.id}>
                <TD>
                  <RelativeTime iso={e.at} />
                </TD>
                <TD>
                  <Badge tone={CHANGE[e.kind].tone}>{CHANGE[e.kind].label}</Badge>
                </TD>
                <TD mono>{e.ip}</TD>
                <TD mono>{e.mac ?? <Missing />}</TD>
                <TD mono>{e.previousMac ?? <Missing />}</TD>
                <TD>{e.interface ?? <Missing />}</TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
    </SectionCard>
  );
}
