import { Missing, Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { formatBitsPerSecond, formatBytes, formatCount, formatLinkSpeed } from "@/components/format";
import type { TrafficSpark } from "@/lib/domain/traffic";
import type { InterfaceWithRates } from "@/lib/domain/views";
import { NicTrafficSpark } from "./nic-traffic-spark";
import { LinkStateBadge } from "./state-badge";

const orMissing = (text: string) => (text === "—" ? <Missing /> : text);

/** RX over TX in one cell keeps the table readable at 1280 px; `alert` marks non-zero error counters. */
function RxTx({ rx, tx, format, alert = false }: { rx: number | null; tx: number | null; format: (v: number | null) => string; alert?: boolean }) {
  if (rx === null && tx === null) return <Missing />;
  const tone = (v: number | null) => (alert ? ((v ?? 0) > 0 ? "text-amber-300" : "text-zinc-400") : "text-zinc-200");
  return (
    <div className="flex flex-col leading-5">
      <span className={tone(rx)}>
        <span className="mr-1 text-[10px] text-zinc-400">RX</span>
        {format(rx)}
      </span>
      <span className={tone(tx)}>
        <span className="mr-1 text-[10px] text-zinc-400">TX</span>
        {format(tx)}
      </span>
    </div>
  );
}

// What a diagnosis reads first (MTU, speed, rates, bytes) comes before identification details:
// on a phone the first screenful of the scrolled table answers.
const HEADERS: { label: string; right?: boolean }[] = [
  { label: "Name" },
  { label: "State" },
  { label: "MTU", right: true },
  { label: "Speed", right: true },
  { label: "RX/TX rate", right: true },
  { label: "RX/TX bytes", right: true },
  { label: "Errors", right: true },
  { label: "Drops", right: true },
  { label: "Duplex" },
  { label: "MAC" },
  { label: "Addresses" },
  { label: "Driver" },
];

/** `sparks`: each NIC's RX/TX of the last 24 hours by name, drawn under its current rates. */
export function InterfacesTable({ interfaces, sparks }: { interfaces: InterfaceWithRates[]; sparks?: Record<string, TrafficSpark> }) {
  return (
    <Table label="Interfaces">
      <THead>
        <tr>
          {HEADERS.map((h) => (
            <TH key={h.label} align={h.right ? "right" : "left"}>
              {h.label}
            </TH>
          ))}
        </tr>
      </THead>
      <TBody>
        {interfaces.map((i) => (
          <TR key={i.name}>
            <TD>
              <div className="font-medium text-zinc-100">{i.name}</div>
              {i.kind && <div className="text-xs text-zinc-400">{i.kind}</div>}
            </TD>
            <TD>
              <LinkStateBadge state={i.state} />
            </TD>
            <TD align="right">{i.mtu ?? <Missing />}</TD>
            <TD align="right">{orMissing(formatLinkSpeed(i.speedMbps))}</TD>
            <TD align="right">
              <RxTx rx={i.rxBitsPerSecond} tx={i.txBitsPerSecond} format={formatBitsPerSecond} />
              <div className="mt-1 flex justify-end empty:hidden">
                <NicTrafficSpark spark={sparks?.[i.name]} />
              </div>
            </TD>
            <TD align="right">
              <RxTx rx={i.rxBytes} tx={i.txBytes} format={formatBytes} />
            </TD>
            <TD align="right">
              <RxTx rx={i.rxErrors} tx={i.txErrors} format={formatCount} alert />
            </TD>
            <TD align="right">
              <RxTx rx={i.rxDropped} tx={i.txDropped} format={formatCount} alert />
            </TD>
            <TD>{i.duplex ?? <Missing />}</TD>
            <TD mono>{i.mac ?? <Missing />}</TD>
            <TD mono>{i.addresses.length === 0 ? <Missing /> : i.addresses.map((a) => <div key={a}>{a}</div>)}</TD>
            <TD>{i.driver ?? <Missing />}</TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
