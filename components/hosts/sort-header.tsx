"use client";

import { useHydrated } from "@/components/ui/use-hydrated";
import type { NeighborSortKey, SortDirection } from "./neighbor-sort";

type Props = {
  label: string;
  column: NeighborSortKey;
  sortBy: NeighborSortKey;
  dir: SortDirection;
  onSort: (column: NeighborSortKey) => void;
};

/** Column header whose button sorts; aria-sort tells assistive tech the current order. */
export function SortHeader({ label, column, sortBy, dir, onSort }: Props) {
  const active = column === sortBy;
  const hydrated = useHydrated();
  return (
    <th
      scope="col"
      aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : "none"}
      className="whitespace-nowrap px-2.5 py-2 text-left font-medium"
    >
      <button
        type="button"
        onClick={() => onSort(column)}
        disabled={!hydrated}
        className={`inline-flex items-center gap-1 uppercase tracking-wide hover:text-zinc-100 focus-visible:outline-2 focus-visible:outline-sky-400 ${active ? "text-zinc-100" : ""}`}
      >
        {label}
        <span aria-hidden="true" className={active ? "text-sky-400" : "text-zinc-600"}>
          {active ? (dir === "asc" ? "▲" : "▼") : "↕"}
        </span>
      </button>
    </th>
  );
}
