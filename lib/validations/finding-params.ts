// The /findings page's query string, read and written. Not server-only: the page's filters
// (a client component) build their links with hrefFor.
import { FINDING_KINDS, type FindingKind, type Severity } from "@/lib/domain/finding";
import { FINDING_SEARCH_MAX_CHARS, FINDING_SORTS, type FindingSort, type FindingStatus } from "@/lib/domain/views";

export const TABS = [
  { id: "open", label: "Open", status: "open" },
  { id: "acknowledged", label: "Acknowledged", status: "acknowledged" },
  { id: "muted", label: "Muted", status: "muted" },
  { id: "history", label: "History", status: "resolved" },
] as const satisfies readonly { id: string; label: string; status: FindingStatus }[];

export type Tab = (typeof TABS)[number];
export type FindingsParams = { tab: Tab; severity?: Severity; kind?: FindingKind; hostId?: number; q?: string; sort: FindingSort };
export type FindingsHref = { tab: string; severity?: string; kind?: string; hostId?: number; q?: string; sort?: string };

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** The page's query string; anything unknown falls back to "not filtered" rather than an error page. */
export function parseFindingsParams(sp: Record<string, string | string[] | undefined>): FindingsParams {
  const tab = TABS.find((t) => t.id === one(sp.tab)) ?? TABS[0];
  const severity = (["critical", "warning", "info"] as const).find((s) => s === one(sp.severity));
  const kind = FINDING_KINDS.find((k) => k === one(sp.kind));
  const host = one(sp.host);
  // The API refuses a longer search; a link or a pasted URL here is cut instead.
  const q = one(sp.q)?.trim().slice(0, FINDING_SEARCH_MAX_CHARS).trim() || undefined;
  const sort = FINDING_SORTS.find((s) => s === one(sp.sort)) ?? "severity";
  return { tab, severity, kind, hostId: host && /^[1-9][0-9]{0,9}$/.test(host) ? Number(host) : undefined, q, sort };
}

export function hrefFor(p: FindingsHref): string {
  const q = new URLSearchParams();
  if (p.tab !== "open") q.set("tab", p.tab);
  if (p.severity) q.set("severity", p.severity);
  if (p.kind) q.set("kind", p.kind);
  if (p.hostId !== undefined) q.set("host", String(p.hostId));
  if (p.q) q.set("q", p.q);
  if (p.sort && p.sort !== "severity") q.set("sort", p.sort);
  const s = q.toString();
  return s ? `/findings?${s}` : "/findings";
}
