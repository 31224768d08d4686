"use client";

import { useMemo, useState } from "react";
import { Field, Select } from "@/components/ui/field";
import { Missing, Table, TBody, TD, THead, TR } from "@/components/ui/table";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { NeighborView } from "@/lib/domain/views";
import { distinct, filterNeighbors, sortNeighbors, type NeighborSortKey, type SortDirection } from "./neighbor-sort";
import { SortHeader } from "./sort-header";
import { NeighborStateBadge } from "./state-badge";

// State right after the IP: on a phone it is the column a reader scrolls for otherwise.
const COLUMNS: { key: NeighborSortKey; label: string }[] = [
  { key: "ip", label: "IP" },
  { key: "state", label: "State" },
  { key: "mac", label: "MAC" },
  { key: "interface", label: "Interface" },
  { key: "router", label: "Router" },
];

export function NeighborsTable({ neighbors }: { neighbors: NeighborView[] }) {
  const [sortBy, setSortBy] = useState<NeighborSortKey>("ip");
  const [dir, setDir] = useState<SortDirection>("asc");
  const [iface, setIface] = useState("");
  const [state, setState] = useState("");
  const hydrated = useHydrated();
  const rows = useMemo(
    () => sortNeighbors(filterNeighbors(neighbors, { iface, state }), sortBy, dir),
    [neighbors, iface, state, sortBy, dir],
  );
  const onSort = (column: NeighborSortKey) => {
    setDir(column === sortBy && dir === "asc" ? "desc" : "asc");
    setSortBy(column);
  };
  const filter = (id: string, label: string, value: string, set: (v: string) => void, options: string[]) => (
    <Field id={id} label={label}>
      <Select id={id} value={value} onChange={(e) => set(e.target.value)} disabled={!hydrated} className="w-40">
        <option value="">All</option>
        {options.map((o) => (
          <option key={o}>{o}</option>
        ))}
      </Select>
    </Field>
  );

  return (
    <div>
      <div className="flex flex-wrap items-end gap-3 border-b border-zinc-800 px-4 py-2.5">
        {filter("neighbor-interface", "Interface", iface, setIface, distinct(neighbors.map((n) => n.interface)))}
        {filter("neighbor-state", "State", state, setState, distinct(neighbors.map((n) => n.state)))}
        <p className="pb-1.5 text-xs text-zinc-400" aria-live="polite">
          {rows.length} of {neighbors.length} shown
        </p>
      </div>
      <Table label="Neighbors">
        <THead>
          <tr>
            {COLUMNS.map((c) => (
              <SortHeader key={c.key} label={c.label} column={c.key} sortBy={sortBy} dir={dir} onSort={onSort} />
            ))}
          </tr>
        </THead>
        <TBody>
          {rows.map((n) => (
            <TR key={`${n.interface ?? ""}|${n.ip}`}>
              <TD mono>{n.ip}</TD>
              <TD>
                <NeighborStateBadge state={n.state} />
              </TD>
              <TD mono>{n.mac ?? <Missing />}</TD>
              <TD>{n.interface ?? <Missing />}</TD>
              <TD>{n.router ? "router" : <span className="text-zinc-400">no</span>}</TD>
            </TR>
          ))}
        </TBody>
      </Table>
      {rows.length === 0 && <p className="px-4 py-6 text-center text-sm text-zinc-400">No neighbors match these filters.</p>}
    </div>
  );
}
