// The findings list's search and order, apart from Prisma so they can be tested as they are.
import type { FindingSort, FindingView } from "@/lib/domain/views";

/**
 * What a search looks in, in the database: a superset of `matchesSearch`. Prisma's `contains` is
 * SQL LIKE, which leaves `%` and `_` in the text live as wildcards (prisma/prisma#19506) and, on
 * SQLite, folds only ASCII case; the subject is a JSON column whose keys match too. So the
 * database narrows the rows and `matchesSearch` decides. PostgreSQL's LIKE is case-sensitive:
 * there the filter asks for ILIKE (`mode`, which the SQLite client does not know, hence the cast).
 */
export function searchWhere(q: string, engine: "sqlite" | "postgresql" = "sqlite") {
  const contains = (engine === "postgresql" ? { contains: q, mode: "insensitive" } : { contains: q }) as { contains: string };
  return {
    OR: [
      { title: contains },
      { explanation: contains },
      { subject: contains },
      { hosts: { some: { host: { name: contains } } } },
    ],
  };
}

/** Case-insensitive text in the title, explanation, subject label or the name of a host it concerns. */
export function matchesSearch(f: FindingView, q: string): boolean {
  const needle = q.toLocaleLowerCase();
  return [f.title, f.explanation, f.subject.label, ...f.hosts.map((h) => h.name), ...f.involvedHosts.map((h) => h.name)].some((text) =>
    text.toLocaleLowerCase().includes(needle),
  );
}

/** The database order a sort starts from (it bounds the list); `sortFindings` finishes it. */
export const DB_ORDER = {
  severity: [{ lastSeenAt: "desc" }, { id: "desc" }],
  hosts: [{ lastSeenAt: "desc" }, { id: "desc" }],
  newest: [{ openedAt: "desc" }, { id: "desc" }],
  oldest: [{ openedAt: "asc" }, { id: "asc" }],
} as const satisfies Record<FindingSort, object[]>;

const RANK: Record<string, number> = { critical: 0, warning: 1, info: 2 };
const rank = (f: FindingView) => RANK[f.severity] ?? 3;
const lastSeen = (a: FindingView, b: FindingView) => b.lastSeenAt.localeCompare(a.lastSeenAt) || b.id - a.id;

/**
 * Severity (the default): critical, warning, info, each most recently seen first. Hosts: the
 * fault on most hosts first, then by severity. Newest/oldest keep the database order.
 */
export function sortFindings(findings: FindingView[], sort: FindingSort = "severity"): FindingView[] {
  if (sort === "severity") return [...findings].sort((a, b) => rank(a) - rank(b) || lastSeen(a, b));
  if (sort === "hosts") return [...findings].sort((a, b) => b.hosts.length - a.hosts.length || rank(a) - rank(b) || lastSeen(a, b));
  return findings;
}
