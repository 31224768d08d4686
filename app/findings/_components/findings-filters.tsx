"use client";

import { useRouter } from "next/navigation";
import { Field, Select } from "@/components/ui/field";
import { useHydrated } from "@/components/ui/use-hydrated";
import { kindLabel, SEVERITIES } from "@/components/findings/labels";
import { FINDING_KINDS } from "@/lib/domain/finding";
import { hrefFor } from "./params";

type Props = { tab: string; severity?: string; kind?: string; hostId?: number; hosts: { id: number; name: string }[] };

/** Severity, kind and host filters; each change navigates, so the filtered view is a shareable URL. */
export function FindingsFilters({ tab, severity, kind, hostId, hosts }: Props) {
  const router = useRouter();
  const hydrated = useHydrated();
  const go = (next: Partial<Props>) => router.push(hrefFor({ tab, severity, kind, hostId, ...next }));
  return (
    <div className="flex flex-wrap items-end gap-3 border-b border-zinc-800 px-4 py-2.5">
      <Field id="finding-severity" label="Severity">
        <Select id="finding-severity" className="w-36" disabled={!hydrated} value={severity ?? ""} onChange={(e) => go({ severity: e.target.value || undefined })}>
          <option value="">All</option>
          {SEVERITIES.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </Select>
      </Field>
      <Field id="finding-kind" label="Kind">
        <Select id="finding-kind" className="w-52" disabled={!hydrated} value={kind ?? ""} onChange={(e) => go({ kind: e.target.value || undefined })}>
          <option value="">All</option>
          {FINDING_KINDS.map((k) => (
            <option key={k} value={k}>
              {kindLabel(k)}
            </option>
          ))}
        </Select>
      </Field>
      <Field id="finding-host" label="Host">
        <Select
          id="finding-host"
          className="w-44"
          disabled={!hydrated}
          value={hostId === undefined ? "" : String(hostId)}
          onChange={(e) => go({ hostId: e.target.value ? Number(e.target.value) : undefined })}
        >
          <option value="">All</option>
          {hosts.map((h) => (
            <option key={h.id} value={h.id}>
              {h.name}
            </option>
          ))}
        </Select>
      </Field>
    </div>
  );
}
