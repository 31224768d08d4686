import { beforeAll, describe, expect, test } from "vitest";
import { GET as findingsRoute } from "@/app/api/findings/route";
import { GET as runsRoute } from "@/app/api/hosts/[id]/runs/route";
import { GET as summaryRoute } from "@/app/api/summary/route";
import { collectHost } from "@/lib/jobs/collect";
import { findingsSettled } from "@/lib/jobs/evaluate-findings";
import { createHost, deleteHost, listHostIds } from "@/lib/queries/hosts";
import { hostWithRole, labKey, readLab, type Lab, type LabHost, startWithNoHosts } from "./lab";

// Exports and the dashboard summary on real lab data: what a user downloads or a Homepage tile
// shows after the lab's hosts were collected with the duplicate-MAC fault on.

let l: Lab;
const ids = new Map<string, number>();
const idOf = (h: LabHost) => ids.get(h.name) ?? -1;

/** RFC 4180 as a spreadsheet reads it: quoted fields may hold commas, quotes and newlines. */
function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const body = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\r" && body[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += c;
  }
  const [header, ...data] = rows;
  return data.map((r) => Object.fromEntries((header ?? []).map((h, i) => [h, r[i] ?? ""])));
}

const get = (url: string) => new Request(`http://localhost${url}`);

beforeAll(async () => {
  await startWithNoHosts();
  l = readLab();
  for (const id of await listHostIds()) await deleteHost(id);
  const privateKey = labKey(l);
  for (const h of l.hosts) {
    const created = await createHost({ name: `ex-${h.name}`, address: h.address, port: h.port, username: h.username, platform: "auto", privateKey });
    ids.set(h.name, created.id);
  }
  await Promise.all(l.hosts.map((h) => collectHost(idOf(h))));
  await findingsSettled();
});

describe("exports and the summary on the lab", () => {
  test("findings as CSV: the duplicate MAC with its hosts, explanation, fix and evidence; the same as JSON", async () => {
    const owner = hostWithRole(l, "dupmac-owner");
    const res = await findingsRoute(get("/api/findings?format=csv&kind=duplicate-mac"), undefined as never);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/filename="netdiag-findings-\d{4}-\d\d-\d\d\.csv"/);
    const rows = parseCsv(await res.text());
    const row = rows.find((r) => r.severity === "critical" || r.severity === "warning");
    expect(row, JSON.stringify(rows)).toBeDefined();
    expect(row).toMatchObject({ status: "open", kind: "duplicate-mac" });
    expect(row?.hosts).toContain(`ex-${owner.name}`);
    expect(row?.fix?.length).toBeGreaterThan(20);
    const evidence = JSON.parse(row?.evidence ?? "[]") as unknown[];
    expect(evidence.length).toBeGreaterThan(0);

    const json = await findingsRoute(get("/api/findings?format=json&kind=duplicate-mac"), undefined as never);
    expect(json.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const items = (await json.json()) as { id: number; kind: string; evidence: unknown[] }[];
    expect(items.map((f) => String(f.id)).sort()).toEqual(rows.map((r) => r.id).sort());
    expect(items.every((f) => f.kind === "duplicate-mac" && f.evidence.length > 0)).toBe(true);
  });

  test("a host's runs as CSV, newest first, every run kept; a bad format is a 400 naming the field", async () => {
    const h = l.hosts[0]!;
    await collectHost(idOf(h));
    const res = await runsRoute(get(`/api/hosts/${idOf(h)}/runs?format=csv`), { params: Promise.resolve({ id: String(idOf(h)) }) });
    const rows = parseCsv(await res.text());
    expect(rows).toHaveLength(2);
    expect(rows.map((r) => [r.host, r.status])).toEqual([
      [`ex-${h.name}`, "ok"],
      [`ex-${h.name}`, "ok"],
    ]);
    expect(String(rows[0]?.started_at) > String(rows[1]?.started_at)).toBe(true);
    expect(Number(rows[0]!.shell_starts)).toBe(1);

    const bad = await runsRoute(get(`/api/hosts/${idOf(h)}/runs?format=pdf`), { params: Promise.resolve({ id: String(idOf(h)) }) });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "validation", fields: { format: "csv or json" } } });
    const missing = await runsRoute(get(`/api/hosts/999999/runs?format=csv`), { params: Promise.resolve({ id: "999999" }) });
    expect(missing.status).toBe(404);
  });

  test("the summary a dashboard tile reads: every lab host up, the open findings counted by severity", async () => {
    const res = await summaryRoute(get("/api/summary"), undefined as never);
    const s = (await res.json()) as { hosts: Record<string, number>; findings: { open: number; critical: number; warning: number; info: number }; lastCollectionAt: string };
    expect(s.hosts).toEqual({ total: l.hosts.length, up: l.hosts.length, down: 0, unknown: 0 });
    expect(s.findings.open).toBe(s.findings.critical + s.findings.warning + s.findings.info);
    expect(s.findings.open).toBeGreaterThan(0);
    expect(Date.parse(s.lastCollectionAt)).toBeGreaterThan(Date.now() - 600_000);
  });
});
