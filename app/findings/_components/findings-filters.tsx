"use client";

import { useEffect, useEffectEvent, useRef } from "react";
import { useRouter } from "next/navigation";
import { Field, Input, Select } from "@/components/ui/field";
import { kindLabel, SEVERITIES } from "@/components/findings/labels";
import { FINDING_KINDS } from "@/lib/domain/finding";
import { FINDING_SEARCH_MAX_CHARS, FINDING_SORTS, type FindingSort } from "@/lib/domain/views";
import { hrefFor, type FindingsHref } from "@/lib/validations/finding-params";

const SORT_LABEL: Record<FindingSort, string> = {
  severity: "Severity, then last seen",
  newest: "Newest first",
  oldest: "Oldest first",
  hosts: "Most hosts affected",
};

type Props = FindingsHref & { hosts: { id: number; name: string }[] };

/**
 * Search, sort and the severity, kind and host filters: a plain GET form, so it works before
 * (or without) JavaScript; once hydrated, a changed select navigates at once. Every view is a
 * shareable URL. The controls are uncontrolled (keyed by the URL's value) so that a choice made
 * before hydration is still in the DOM when React takes over, and is applied then.
 */
export function FindingsFilters({ hosts, ...current }: Props) {
  const router = useRouter();
  const values = { sort: current.sort ?? "severity", severity: current.severity ?? "", kind: current.kind ?? "", host: current.hostId?.toString() ?? "" };
  const form = useRef<HTMLFormElement>(null);
  const apply = () => {
    if (!form.current) return;
    const v = (name: string) => String(new FormData(form.current as HTMLFormElement).get(name) ?? "").trim() || undefined;
    const host = v("host");
    router.push(hrefFor({ tab: current.tab, severity: v("severity"), kind: v("kind"), hostId: host ? Number(host) : undefined, q: v("q"), sort: v("sort") }));
  };
  const applyEarlyChoice = useEffectEvent(() => {
    const el = (name: string) => form.current?.elements.namedItem(name) as HTMLSelectElement | null;
    // A value the list does not offer (a deleted host) is not a choice the user made.
    const changed = (name: string, value: string) => {
      const s = el(name);
      return !!s && s.value !== value && [...s.options].some((o) => o.value === value);
    };
    if (Object.entries(values).some(([name, value]) => changed(name, value))) apply();
  });
  useEffect(() => applyEarlyChoice(), []);
  const select = (name: keyof typeof values, className: string) => ({ name, id: `finding-${name}`, defaultValue: values[name], className, onChange: apply });
  return (
    <form
      ref={form}
      role="search"
      aria-label="Search and filter findings"
      method="get"
      action="/findings"
      onSubmit={(e) => {
        e.preventDefault();
        apply();
      }}
      className="flex flex-wrap items-end gap-3 border-b border-zinc-800 px-4 py-2.5"
    >
      {current.tab !== "open" && <input type="hidden" name="tab" value={current.tab} />}
      <Field id="finding-q" label="Search">
        <div className="flex gap-2">
          <Input id="finding-q" key={current.q ?? ""} name="q" type="search" defaultValue={current.q ?? ""} maxLength={FINDING_SEARCH_MAX_CHARS} placeholder="title, host, subnet…" className="w-56 max-w-full" />
          <button type="submit" className="h-8 shrink-0 rounded-md border border-zinc-700 bg-zinc-800 px-3 text-sm text-zinc-100 hover:bg-zinc-700">
            Search
          </button>
        </div>
      </Field>
      <Field id="finding-sort" label="Sort by">
        <Select key={values.sort} {...select("sort", "w-52")}>
          {FINDING_SORTS.map((s) => (
            <option key={s} value={s}>
              {SORT_LABEL[s]}
            </option>
          ))}
        </Select>
      </Field>
      <Field id="finding-severity" label="Severity">
        <Select key={values.severity} {...select("severity", "w-36")}>
          <option value="">All</option>
          {SEVERITIES.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </Select>
      </Field>
      <Field id="finding-kind" label="Kind">
        <Select key={values.kind} {...select("kind", "w-52")}>
          <option value="">All</option>
          {FINDING_KINDS.map((k) => (
            <option key={k} value={k}>
              {kindLabel(k)}
            </option>
          ))}
        </Select>
      </Field>
      <Field id="finding-host" label="Host">
        <Select key={values.host} {...select("host", "w-44")}>
          <option value="">All</option>
          {hosts.map((h) => (
            <option key={h.id} value={h.id}>
              {h.name}
            </option>
          ))}
        </Select>
      </Field>
    </form>
  );
}
