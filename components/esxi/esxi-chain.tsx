import { formatLinkSpeed } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { SectionCard } from "@/components/ui/card";
import { Missing, Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { EsxiTopology } from "@/lib/domain/esxi-topology";
import { chainRows, type ChainRow } from "./chain-rows";

function Mtu({ value, differs }: { value: number | null; differs: boolean }) {
  if (value === null) return <Missing />;
  return differs ? <Badge tone="bad">MTU {value}</Badge> : <span className="text-zinc-400">MTU {value}</span>;
}

function Uplinks({ row }: { row: ChainRow }) {
  if (row.uplinks === null) return null;
  if (row.uplinks.length === 0) return <span className="text-zinc-400">no uplink</span>;
  return (
    <ul className="flex flex-col gap-0.5">
      {row.uplinks.map((u) => (
        <li key={u.name} className="flex flex-wrap items-center gap-1.5">
          <span className="font-mono">{u.name}</span>
          <Mtu value={u.mtu} differs={u.mtuDiffers} />
          <span className="text-zinc-400">{u.linkUp === false ? "link down" : u.speedMbps ? formatLinkSpeed(u.speedMbps) : ""}</span>
        </li>
      ))}
    </ul>
  );
}

/** Host page, ESXi only: physical NIC -> vSwitch -> portgroup (VLAN) -> vmknic, with each link's MTU. */
export function EsxiChain({ topology }: { topology: EsxiTopology }) {
  const rows = chainRows(topology);
  return (
    <SectionCard id="esxi-chain" title="ESXi network chain" meta="physical NIC → vSwitch → portgroup → vmknic">
      <Table label="ESXi network chain">
        <THead>
          <tr>
            <TH>Physical NICs</TH>
            <TH>vSwitch</TH>
            <TH>Portgroup</TH>
            <TH>vmknic</TH>
          </tr>
        </THead>
        <TBody>
          {rows.map((row) => (
            <TR key={row.key}>
              <TD wrap>
                <Uplinks row={row} />
              </TD>
              <TD>
                {row.vswitch === null ? <span className="text-zinc-400">distributed switch</span> : <span className="font-mono">{row.vswitch}</span>}{" "}
                {row.uplinks !== null && <Mtu value={row.vswitchMtu} differs={false} />}
              </TD>
              <TD>
                {row.portgroup ?? <Missing />} {row.vlanId !== null && <span className="text-zinc-400">VLAN {row.vlanId}</span>}
              </TD>
              <TD wrap>
                {row.vmknics.map((k) => (
                  <div key={k.name} className="flex flex-wrap items-center gap-1.5">
                    <span className="font-mono">{k.name}</span> <Mtu value={k.mtu} differs={k.mtuDiffers} />
                    <span className="font-mono text-[12px] text-zinc-400">{k.addresses.join(", ")}</span>
                  </div>
                ))}
              </TD>
            </TR>
          ))}
        </TBody>
      </Table>
    </SectionCard>
  );
}
