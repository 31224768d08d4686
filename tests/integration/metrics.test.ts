import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { GET as metricsRoute } from "@/app/metrics/route";
import { hashToken, newApiToken, tokenHint } from "@/lib/auth/tokens";
import { getDb } from "@/lib/db";
import { collectAll } from "@/lib/jobs/collect";
import { findingsSettled } from "@/lib/jobs/evaluate-findings";
import { submitIperfRun, waitForIperfRun } from "@/lib/jobs/iperf/queue";
import { createApiToken, createFirstUser } from "@/lib/queries/auth";
import { createHost } from "@/lib/queries/hosts";
import { getIperfRunDetail } from "@/lib/queries/iperf-runs";
import { dashboardQueries, metricNames } from "@/lib/metrics/__fixtures__/dashboard";
import { getLatestSnapshot } from "@/lib/queries/runs";
import { proxy } from "@/proxy";
import { hostWithRole, labKey, readLab, type Lab, type LabHost, startWithNoHosts } from "./lab";

// /metrics on the lab's hosts, as Prometheus sees it: the text checked by Debian's promtool,
// then scraped by a real Prometheus (Debian's package, our own process on loopback, never the
// system service) through netdiag's network boundary with a bearer token, and read back from
// its query API.

let l: Lab;
let shaped: LabHost, a: LabHost, jumbo: LabHost;
const ids = new Map<string, number>();
const nameOf = (h: LabHost) => `m-${h.name}`;
let token: string;
let server: http.Server;
let netdiagPort: number;
let prometheus: ChildProcess | undefined;
let promPort: number;
let promLog = "";
let work: string;
let iperf: { forward: number; reverse: number };

/** The proxy, then the route, as Next runs them for a request: the one boundary decides who gets through. */
async function serve(req: http.IncomingMessage, res: http.ServerResponse) {
  const url = `http://127.0.0.1:${netdiagPort}${req.url ?? "/"}`;
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
  let answer: Response = await proxy(new NextRequest(url, { method: req.method, headers }));
  if (answer.headers.get("x-middleware-next") === "1") {
    answer = new URL(url).pathname === "/metrics" ? await metricsRoute(new Request(url, { headers }), undefined as never) : new Response("not here", { status: 404 });
  }
  res.writeHead(answer.status, Object.fromEntries(answer.headers));
  res.end(Buffer.from(await answer.arrayBuffer()));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** Runs a program without a shell, `input` on its stdin. */
function run(file: string, args: string[], input: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { stdio: ["pipe", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, out }));
    child.stdin.end(input);
  });
}

/** Polls `check` until it returns a value, or fails with what was last seen. */
async function until<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`${what}: not after ${timeoutMs} ms (${String(last)}); prometheus said:\n${promLog.slice(-2000)}`);
    // Between two polls: Prometheus' own scrape interval is 1 s.
    await new Promise((r) => setTimeout(r, 200));
  }
}

type Sample = { metric: Record<string, string>; value: [number, string] };
async function query(q: string): Promise<Sample[]> {
  const res = await fetch(`http://127.0.0.1:${promPort}/api/v1/query?query=${encodeURIComponent(q)}`);
  const body = (await res.json()) as { status: string; data: { result: Sample[] } };
  if (body.status !== "success") throw new Error(`query ${q}: ${JSON.stringify(body)}`);
  return body.data.result;
}

const scrape = (headers: Record<string, string> = { authorization: `Bearer ${token}` }) => fetch(`http://127.0.0.1:${netdiagPort}/metrics`, { headers });

/** Our own Prometheus on loopback: a temp dir for its config and storage, two jobs scraping /metrics (the right token, a wrong one). */
async function startPrometheus() {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "netdiag-prometheus-"));
  fs.writeFileSync(path.join(work, "token"), token, { mode: 0o600 });
  fs.writeFileSync(path.join(work, "wrong-token"), "ndt_wrong", { mode: 0o600 });
  const job = (name: string, file: string) =>
    [
      `  - job_name: ${name}`,
      `    metrics_path: /metrics`,
      `    authorization:`,
      `      type: Bearer`,
      `      credentials_file: ${path.join(work, file)}`,
      `    static_configs:`,
      `      - targets: ["127.0.0.1:${netdiagPort}"]`,
    ].join("\n");
  fs.writeFileSync(path.join(work, "prometheus.yml"), `global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\nscrape_configs:\n${job("netdiag", "token")}\n${job("netdiag-wrong-token", "wrong-token")}\n`);
  const config = await run("promtool", ["check", "config", path.join(work, "prometheus.yml")], "");
  expect(config.code, config.out).toBe(0);

  promPort = await freePort();
  prometheus = spawn("prometheus", [
    `--config.file=${path.join(work, "prometheus.yml")}`,
    `--storage.tsdb.path=${path.join(work, "data")}`,
    `--web.listen-address=127.0.0.1:${promPort}`,
  ], { stdio: ["ignore", "pipe", "pipe"] });
  prometheus.stdout?.on("data", (d: Buffer) => (promLog += d.toString()));
  prometheus.stderr?.on("data", (d: Buffer) => (promLog += d.toString()));

  await until("prometheus ready", async () => ((await fetch(`http://127.0.0.1:${promPort}/-/ready`)).ok ? true : undefined));
}

beforeAll(async () => {
  await startWithNoHosts();
  l = readLab();
  shaped = hostWithRole(l, "shaped");
  jumbo = hostWithRole(l, "jumbo");
  a = l.hosts.find((h) => h.roles.length === 0) ?? l.hosts[0]!;
  const privateKey = labKey(l);
  for (const h of l.hosts) {
    const created = await createHost({ name: nameOf(h), address: h.address, port: h.port, username: h.username, platform: "auto", privateKey });
    ids.set(h.name, created.id);
  }
  // Nothing listens on port 1 of loopback: a collection that fails at once, for the "failing" series.
  await createHost({ name: "m-broken", address: "127.0.0.1", port: 1, username: "nobody", platform: "linux", password: "never-used-123" });
  await collectAll();
  await findingsSettled();
  const queued = await submitIperfRun({ clientHostId: ids.get(a.name)!, serverHostId: ids.get(shaped.name)!, durationSec: 2, parallel: 1, protocol: "tcp", direction: "both", omitSec: 0, simultaneous: false });
  await waitForIperfRun(queued.id);
  const detail = await getIperfRunDetail(queued.id);
  expect(detail.status).toBe("done");
  iperf = { forward: detail.forward!.bitsPerSecond!, reverse: detail.reverse!.bitsPerSecond! };

  await createFirstUser("metrics-admin", "scrypt$1$1$1$x$y");
  const user = await (await getDb()).user.findFirstOrThrow({ orderBy: { id: "asc" } });
  token = newApiToken();
  await createApiToken(user.id, "prometheus", hashToken(token), tokenHint(token), null);

  server = http.createServer((req, res) => void serve(req, res).catch((e: unknown) => res.writeHead(500).end(String(e))));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  netdiagPort = (server.address() as net.AddressInfo).port;
  await startPrometheus();
}, 300_000);

afterAll(async () => {
  if (prometheus && prometheus.exitCode === null) {
    const exited = new Promise((r) => prometheus!.once("exit", r));
    prometheus.kill("SIGTERM");
    await exited;
  }
  await new Promise((r) => server?.close(r));
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

describe("/metrics on the lab", () => {
  test("a token gets the text format, which promtool accepts; no token, a bad one or a session cookie get 401 JSON", async () => {
    const res = await scrape();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    const text = await res.text();
    const check = await run("promtool", ["check", "metrics"], text);
    expect(check, check.out).toMatchObject({ code: 0, out: "" });
    const families = [...text.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]!);
    console.log(`metrics: ${families.length} families, ${text.split("\n").filter((x) => x && !x.startsWith("#")).length} series, ${text.length} bytes for ${l.hosts.length + 1} hosts`);
    expect(families.every((f) => f.startsWith("netdiag_"))).toBe(true);

    for (const headers of [{}, { authorization: "Bearer ndt_nope" }, { cookie: "netdiag_session=whatever" }] as Record<string, string>[]) {
      const refused = await scrape(headers);
      expect(refused.status, JSON.stringify(headers)).toBe(401);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("unauthorized");
    }
  });

  test("what it says matches what netdiag shows: the jumbo MTU, the host page's counters, the failing host, the open duplicate MAC", async () => {
    const text = await (await scrape()).text();
    const value = (series: string) => {
      const line = text.split("\n").find((x) => x.startsWith(`${series} `));
      return line === undefined ? undefined : Number(line.slice(series.length + 1));
    };
    expect(value(`netdiag_interface_mtu_bytes{host="${nameOf(jumbo)}",interface="eth0"}`)).toBe(9000);
    expect(value(`netdiag_interface_up{host="${nameOf(jumbo)}",interface="eth0"}`)).toBe(1);
    const page = await getLatestSnapshot(ids.get(a.name)!);
    const eth0 = page?.interfaces.find((i) => i.name === "eth0");
    expect(eth0?.rxBytes).toBeGreaterThan(0);
    expect(value(`netdiag_interface_receive_bytes_total{host="${nameOf(a)}",interface="eth0"}`)).toBe(eth0?.rxBytes);
    expect(value(`netdiag_interface_transmit_errors_total{host="${nameOf(a)}",interface="eth0"}`)).toBe(eth0?.txErrors);
    expect(value(`netdiag_host_last_collection_status{host="m-broken",status="failed"}`)).toBe(1);
    expect(value(`netdiag_host_last_collection_status{host="${nameOf(a)}",status="ok"}`)).toBe(1);
    expect(value(`netdiag_host_last_collection_duration_seconds{host="${nameOf(a)}"}`)).toBeGreaterThan(0);
    expect(value(`netdiag_findings_open{severity="critical",kind="duplicate-mac"}`) ?? value(`netdiag_findings_open{severity="warning",kind="duplicate-mac"}`)).toBeGreaterThanOrEqual(1);
    expect(value(`netdiag_iperf_bytes_per_second{sender="${nameOf(shaped)}",receiver="${nameOf(a)}"}`)).toBe(iperf.reverse / 8);
    expect(value(`netdiag_iperf_asymmetry_ratio{host_a="${nameOf(a)}",host_b="${nameOf(shaped)}"}`)).toBeCloseTo(iperf.reverse / iperf.forward, 9);
    expect(value(`netdiag_iperf_queue_depth{state="queued"}`)).toBe(0);
  });

  test("a real Prometheus scrapes it with a bearer token and answers queries on netdiag_ series; a wrong token leaves its target down", async () => {
    const jumboMtu = await until("the jumbo host's MTU in prometheus", async () => {
      const r = await query(`netdiag_interface_mtu_bytes{host="${nameOf(jumbo)}",interface="eth0"}`);
      return r.length > 0 ? r : undefined;
    });
    expect(jumboMtu).toHaveLength(1);
    expect(jumboMtu[0]!.metric).toMatchObject({ __name__: "netdiag_interface_mtu_bytes", job: "netdiag", host: nameOf(jumbo), interface: "eth0" });
    expect(Number(jumboMtu[0]!.value[1])).toBe(9000);

    const failing = await query(`sum(netdiag_host_last_collection_status{status="failed"})`);
    expect(Number(failing[0]?.value[1])).toBe(1);
    const slowest = await query(`netdiag_iperf_bytes_per_second * 8`);
    expect(slowest.find((s) => s.metric.sender === nameOf(shaped))?.value[1]).toBe(String(iperf.reverse));

    const ups = await until("both targets scraped at least once", async () => {
      const r = await query("up");
      return r.length === 2 ? r : undefined;
    });
    expect(Object.fromEntries(ups.map((u) => [u.metric.job, u.value[1]]))).toEqual({ netdiag: "1", "netdiag-wrong-token": "0" });
    const targets = (await (await fetch(`http://127.0.0.1:${promPort}/api/v1/targets`)).json()) as { data: { activeTargets: { labels: { job: string }; lastError: string }[] } };
    expect(targets.data.activeTargets.find((t) => t.labels.job === "netdiag-wrong-token")?.lastError).toContain("401");
  });

  test("every query of the Grafana dashboard names only metrics /metrics exposes, and runs on Prometheus", async () => {
    const text = await (await scrape()).text();
    const exposed = new Set([...text.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]!));
    const queries = dashboardQueries();
    expect([...metricNames(queries)].filter((m) => !exposed.has(m))).toEqual([]);
    // Grafana's "All" of the host variable; label_values() is Grafana's, not PromQL.
    const promql = queries.filter((q) => !q.startsWith("label_values(")).map((q) => q.replaceAll("$host", ".*"));
    // The lab's NICs count no errors or drops, and those panels show only the NICs that do.
    for (const q of promql.filter((x) => !x.endsWith("> 0"))) {
      await until(`data for ${q}`, async () => ((await query(q)).length > 0 ? true : undefined), 30_000);
    }
    for (const q of promql.filter((x) => x.endsWith("> 0"))) expect(await query(q), q).toEqual([]);
  });
});
