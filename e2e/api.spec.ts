import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { apiContext, BASE_URL } from "./auth";
import { readLab } from "./lab";

// The JSON API as a user's automation sees it, against the real server and lab.
const lab = readLab();
const key = fs.readFileSync(lab.clientKeyPath, "utf8");
const h = lab.hosts.find((x) => x.roles.includes("jumbo")) ?? lab.hosts[0]!;
const body = { name: `api-${h.name}`, address: h.address, port: h.port, username: h.username, privateKey: key };

test("create, collect, read interfaces and neighbors, edit, delete", async ({ playwright }) => {
  const request = await apiContext(playwright);
  const created = await request.post("/api/hosts", { data: body });
  expect(created.status()).toBe(201);
  const host = await created.json();
  expect(host).toMatchObject({ name: body.name, address: h.address, port: 22, username: "root", platform: "auto", effectivePlatform: null, hasPrivateKey: true, hasPassword: false, hostKeyFingerprint: null, lastRun: null });
  // No secret material in any answer.
  const keyBody = key.split("\n")[1]!;
  expect(JSON.stringify(host)).not.toContain(keyBody);

  const run = await (await request.post(`/api/hosts/${host.id}/collect`)).json();
  expect(run).toMatchObject({ hostId: host.id, status: "ok", error: null });
  expect(typeof run.runId).toBe("number");
  expect(Date.parse(run.finishedAt)).toBeGreaterThanOrEqual(Date.parse(run.startedAt));

  const nics = (await (await request.get(`/api/hosts/${host.id}/interfaces`)).json()).items;
  const eth0 = nics.find((n: { name: string }) => n.name === "eth0");
  expect(eth0).toMatchObject({ mac: h.interfaces[0]!.mac, mtu: h.interfaces[0]!.mtu, state: "up", duplex: "full" });
  expect(eth0.addresses).toContain(`${h.address}/24`);
  for (const k of ["speedMbps", "driver", "rxBytes", "txBytes", "rxPackets", "txPackets", "rxErrors", "txErrors", "rxDropped", "txDropped"]) {
    expect(eth0).toHaveProperty(k);
  }
  const neighbors = (await (await request.get(`/api/hosts/${host.id}/neighbors`)).json()).items;
  expect(neighbors.length).toBeGreaterThan(0);
  for (const n of neighbors) {
    expect(Object.keys(n).sort()).toEqual(["interface", "ip", "mac", "router", "state"]);
    if (n.mac) expect(n.mac).toMatch(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/);
  }

  const read = await (await request.get(`/api/hosts/${host.id}`)).json();
  expect(read.hostKeyFingerprint).toMatch(/^SHA256:/);
  // "auto" is what the user chose; what the host is, as the page says "Linux (detected)", is here.
  expect(read).toMatchObject({ platform: "auto", detectedPlatform: "linux", effectivePlatform: "linux" });
  expect(read.lastRun).toMatchObject({ runId: run.runId, status: "ok" });

  const patched = await request.patch(`/api/hosts/${host.id}`, { data: { port: 2222 } });
  expect(patched.status()).toBe(200);
  // Moving the host unpins its key: the old key says nothing about the new endpoint.
  expect(await patched.json()).toMatchObject({ port: 2222, hostKeyFingerprint: null });

  expect((await request.delete(`/api/hosts/${host.id}`)).status()).toBe(204);
  expect((await request.get(`/api/hosts/${host.id}`)).status()).toBe(404);
});

type Call = () => Promise<import("@playwright/test").APIResponse>;

/** Every case answers `status` with `{ error: { code, message } }` and a message worth reading. */
async function expectErrors(cases: [string, Call, number, string][]) {
  // Every case runs, and the failure lists all that answered otherwise.
  const wrong: string[] = [];
  for (const [name, call, status, code] of cases) {
    const res = await call();
    const text = await res.text();
    let err: { code?: string; message?: string } | undefined;
    try {
      err = (JSON.parse(text) as { error?: typeof err }).error;
    } catch {
      err = undefined;
    }
    if (res.status() !== status || err?.code !== code || !res.headers()["content-type"]?.includes("application/json") || (err?.message ?? "").length <= 5) {
      wrong.push(`${name}: expected ${status} ${code}, got ${res.status()} ${text.slice(0, 160)}`);
    }
  }
  expect(wrong).toEqual([]);
}

/** What a user could lose: hosts, schedules, tokens and runs, counted before and after. */
async function counts(request: import("@playwright/test").APIRequestContext) {
  const n = async (url: string) => (await (await request.get(url)).json()).items.length as number;
  return { hosts: await n("/api/hosts"), schedules: await n("/api/iperf/schedules"), tokens: await n("/api/tokens"), runs: await n("/api/iperf/runs?limit=500") };
}

const BAD_IDS = ["abc", "0", "-1", "1e3", "0x10", "1.5", "99999999999999999999", "%20"];

test("bad input and unknown ids answer 4xx JSON errors and change nothing: hosts", async ({ playwright }) => {
  const request = await apiContext(playwright);
  const before = await counts(request);
  const json = { "content-type": "application/json" };
  await expectErrors([
    ["port out of range", () => request.post("/api/hosts", { data: { ...body, port: 70000 } }), 400, "validation"],
    ["shell syntax in the name", () => request.post("/api/hosts", { data: { ...body, name: "a;reboot" } }), 400, "validation"],
    ["bad address", () => request.post("/api/hosts", { data: { ...body, address: "$(id)" } }), 400, "validation"],
    ["key that does not parse", () => request.post("/api/hosts", { data: { ...body, privateKey: "not a key" } }), 400, "validation"],
    ["no credential", () => request.post("/api/hosts", { data: { ...body, privateKey: undefined } }), 400, "validation"],
    ["unknown field", () => request.post("/api/hosts", { data: { ...body, shell: "/bin/sh" } }), 400, "validation"],
    ["port as a string", () => request.post("/api/hosts", { data: { ...body, port: "22" } }), 400, "validation"],
    ["legacy SSH as a string", () => request.post("/api/hosts", { data: { ...body, legacySshAlgorithms: "yes" } }), 400, "validation"],
    ["a JSON array", () => request.post("/api/hosts", { data: Buffer.from("[1,2]"), headers: json }), 400, "validation"],
    ["JSON null", () => request.post("/api/hosts", { data: Buffer.from("null"), headers: json }), 400, "validation"],
    ["malformed JSON", () => request.post("/api/hosts", { data: Buffer.from("{ nope"), headers: json }), 400, "bad_json"],
    ["bytes that are not UTF-8", () => request.post("/api/hosts", { data: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), headers: json }), 400, "bad_encoding"],
    ["a body over 1 MB", () => request.post("/api/hosts", { data: { ...body, name: "x".repeat(1_100_000) } }), 413, "too_large"],
    ["unknown host", () => request.get("/api/hosts/999999"), 404, "not_found"],
    ["edit an unknown host", () => request.patch("/api/hosts/999999", { data: { port: 22 } }), 404, "not_found"],
    ["delete an unknown host", () => request.delete("/api/hosts/999999"), 404, "not_found"],
    ...(["interfaces", "neighbors", "runs", "mtu-probes"] as const).map((sub): [string, Call, number, string] => [`unknown host's ${sub}`, () => request.get(`/api/hosts/999999/${sub}`), 404, "not_found"]),
    ["collect an unknown host", () => request.post("/api/hosts/999999/collect"), 404, "not_found"],
    ["traffic: a range not offered", () => request.get("/api/hosts/999999/interfaces/eth0/traffic?range=2w"), 400, "validation"],
    ["traffic: from after to", () => request.get("/api/hosts/999999/interfaces/eth0/traffic?from=2026-02-01&to=2026-01-01"), 400, "validation"],
    ["traffic of an unknown host", () => request.get("/api/hosts/999999/interfaces/eth0/traffic"), 404, "not_found"],
    ["verify MTU on an unknown host", () => request.post("/api/hosts/999999/verify-mtu"), 404, "not_found"],
    ["accept a key without naming it", () => request.post("/api/hosts/999999/host-key", { data: { accept: true } }), 400, "validation"],
    ["accept a key on an unknown host", () => request.post("/api/hosts/999999/host-key", { data: { accept: true, fingerprint: `SHA256:${"A".repeat(43)}` } }), 404, "not_found"],
    ...BAD_IDS.flatMap((id): [string, Call, number, string][] => [
      [`host id ${id}`, () => request.get(`/api/hosts/${id}`), 400, "validation"],
      [`edit host id ${id}`, () => request.patch(`/api/hosts/${id}`, { data: { port: 22 } }), 400, "validation"],
      [`collect host id ${id}`, () => request.post(`/api/hosts/${id}/collect`), 400, "validation"],
    ]),
  ]);
  const field = (await (await request.post("/api/hosts", { data: { ...body, port: 0 } })).json()).error.fields;
  expect(field).toEqual({ port: "Port must be between 1 and 65535" });
  expect(await counts(request)).toEqual(before);
});

test("bad input and unknown ids answer 4xx JSON errors and change nothing: findings, iperf, schedules, tokens, login", async ({ playwright }) => {
  const request = await apiContext(playwright);
  const host = await (await request.post("/api/hosts", { data: { ...body, name: "api-bad-input" } })).json();
  const before = await counts(request);
  const run = { clientHostId: host.id, serverHostId: 999999, durationSec: 2 };
  const schedule = { clientHostId: host.id, serverHostId: 999999, intervalMinutes: 60 };
  const origin = { origin: BASE_URL };
  await expectErrors([
    ["findings: unknown status", () => request.get("/api/findings?status=gone"), 400, "validation"],
    ["findings: host not a number", () => request.get("/api/findings?host=abc"), 400, "validation"],
    ["findings: unknown kind", () => request.get("/api/findings?kind=rootkit"), 400, "validation"],
    ["findings: unknown severity", () => request.get("/api/findings?severity=meh"), 400, "validation"],
    ["findings: unknown parameter", () => request.get("/api/findings?sort=desc"), 400, "validation"],
    ["finding: unknown id", () => request.get("/api/findings/999999"), 404, "not_found"],
    ["finding: change an unknown one", () => request.patch("/api/findings/999999", { data: { status: "muted" } }), 404, "not_found"],
    ["finding: unknown status", () => request.patch("/api/findings/999999", { data: { status: "deleted" } }), 400, "validation"],
    ["finding: a reason too long", () => request.patch("/api/findings/999999", { data: { status: "muted", reason: "x".repeat(501) } }), 400, "validation"],
    ...BAD_IDS.map((id): [string, Call, number, string] => [`finding id ${id}`, () => request.get(`/api/findings/${id}`), 400, "validation"]),

    ["iperf runs: limit 0", () => request.get("/api/iperf/runs?limit=0"), 400, "validation"],
    ["iperf runs: limit not a number", () => request.get("/api/iperf/runs?limit=all"), 400, "validation"],
    ["iperf runs: unknown status", () => request.get("/api/iperf/runs?status=done,exploded"), 400, "validation"],
    ["iperf runs: time that is not one", () => request.get("/api/iperf/runs?from=yesterday"), 400, "validation"],
    ["iperf runs: host not a number", () => request.get("/api/iperf/runs?host=1;2"), 400, "validation"],
    ["iperf run: no hosts", () => request.post("/api/iperf/runs", { data: {} }), 400, "validation"],
    ["iperf run: a host against itself", () => request.post("/api/iperf/runs", { data: { ...run, serverHostId: host.id } }), 400, "validation"],
    ["iperf run: UDP without a bitrate", () => request.post("/api/iperf/runs", { data: { ...run, protocol: "udp" } }), 400, "validation"],
    ["iperf run: 61 seconds", () => request.post("/api/iperf/runs", { data: { ...run, durationSec: 61 } }), 400, "validation"],
    ["iperf run: 17 streams", () => request.post("/api/iperf/runs", { data: { ...run, parallel: 17 } }), 400, "validation"],
    ["iperf run: a name as server address", () => request.post("/api/iperf/runs", { data: { ...run, serverAddress: "nas.local" } }), 400, "validation"],
    ["iperf run: shell in the server address", () => request.post("/api/iperf/runs", { data: { ...run, serverAddress: "10.0.0.1;reboot" } }), 400, "validation"],
    ["iperf run: unknown field", () => request.post("/api/iperf/runs", { data: { ...run, extraArgs: "-Z" } }), 400, "validation"],
    ["iperf run: unknown server host", () => request.post("/api/iperf/runs", { data: run }), 400, "validation"],
    ["iperf run: unknown id", () => request.get("/api/iperf/runs/999999"), 404, "not_found"],
    ["iperf run: unknown id's raw output", () => request.get("/api/iperf/runs/999999/raw"), 404, "not_found"],
    ["iperf run: unknown id's live events", () => request.get("/api/iperf/runs/999999/events"), 404, "not_found"],
    ["iperf run: cancel an unknown one", () => request.delete("/api/iperf/runs/999999"), 404, "not_found"],
    ...BAD_IDS.map((id): [string, Call, number, string] => [`iperf run id ${id}`, () => request.get(`/api/iperf/runs/${id}`), 400, "validation"]),
    ["iperf history: no pair", () => request.get("/api/iperf/history"), 400, "validation"],
    ["iperf history: from after to", () => request.get(`/api/iperf/history?client=${host.id}&server=2&from=2026-02-01&to=2026-01-01`), 400, "validation"],
    ["iperf history: six years", () => request.get(`/api/iperf/history?client=${host.id}&server=2&from=2020-01-01&to=2026-06-01`), 400, "validation"],

    ["schedule: every minute", () => request.post("/api/iperf/schedules", { data: { ...schedule, intervalMinutes: 1 } }), 400, "validation"],
    ["schedule: no interval", () => request.post("/api/iperf/schedules", { data: { ...schedule, intervalMinutes: undefined } }), 400, "validation"],
    ["schedule: unknown server host", () => request.post("/api/iperf/schedules", { data: schedule }), 400, "validation"],
    ["schedule: unknown id", () => request.get("/api/iperf/schedules/999999"), 404, "not_found"],
    ["schedule: change an unknown one", () => request.patch("/api/iperf/schedules/999999", { data: { enabled: false } }), 404, "not_found"],
    ["schedule: change the hosts", () => request.patch("/api/iperf/schedules/999999", { data: { clientHostId: 1 } }), 400, "validation"],
    ["schedule: delete an unknown one", () => request.delete("/api/iperf/schedules/999999"), 404, "not_found"],
    ...BAD_IDS.map((id): [string, Call, number, string] => [`schedule id ${id}`, () => request.get(`/api/iperf/schedules/${id}`), 400, "validation"]),

    ["token: no name", () => request.post("/api/tokens", { data: {} }), 400, "validation"],
    ["token: shell in the name", () => request.post("/api/tokens", { data: { name: "ci$(id)" } }), 400, "validation"],
    ["token: expiry not offered", () => request.post("/api/tokens", { data: { name: "ci", expiresInDays: 7000 } }), 400, "validation"],
    ["token: revoke an unknown one", () => request.delete("/api/tokens/999999"), 404, "not_found"],
    ...BAD_IDS.map((id): [string, Call, number, string] => [`token id ${id}`, () => request.delete(`/api/tokens/${id}`), 400, "validation"]),

    ["settings: interval not a whole number", () => request.patch("/api/settings", { data: { collectIntervalMinutes: 2.5 } }), 400, "validation"],
    ["settings: ratio above 1", () => request.patch("/api/settings", { data: { asymmetryRatio: 3 } }), 400, "validation"],
    ["settings: a number as text", () => request.patch("/api/settings", { data: { dfProbeIntervalHours: "6" } }), 400, "validation"],
    ["settings: unknown field", () => request.patch("/api/settings", { data: { sshPassword: "x" } }), 400, "validation"],
    ["settings: not an object", () => request.patch("/api/settings", { data: [1, 2] }), 400, "validation"],

    // Logging in is a change made from netdiag's own page: without its Origin, refused first.
    ["login: from another site", () => request.post("/api/auth/login", { data: {} }), 403, "cross_site"],
    ["login: nothing", () => request.post("/api/auth/login", { data: {}, headers: origin }), 400, "validation"],
    ["login: malformed JSON", () => request.post("/api/auth/login", { data: Buffer.from("{"), headers: { ...origin, "content-type": "application/json" } }), 400, "bad_json"],
    ["setup once an admin exists", () => request.post("/api/auth/setup", { data: { username: "mallory", password: "a long enough password", setupCode: "HK29-XB1J-1DTA-0R30" }, headers: origin }), 409, "already_set_up"],
    ["setup once an admin exists, without a code", () => request.post("/api/auth/setup", { data: {}, headers: origin }), 409, "already_set_up"],
  ]);
  // A form can put the message on the field that is wrong.
  expect((await (await request.post("/api/iperf/schedules", { data: schedule })).json()).error.fields).toEqual({ serverHostId: "No such host" });
  expect((await (await request.post("/api/iperf/runs", { data: run })).json()).error.fields).toEqual({ serverHostId: "No such host" });
  expect(await counts(request)).toEqual(before);
  expect((await request.delete(`/api/hosts/${host.id}`)).status()).toBe(204);
});

test("a chunked body that keeps coming is cut off at 1 MB with a 413, and the server stays up", async () => {
  const { default: http } = await import("node:http");
  const { readToken } = await import("./auth");
  const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request(`${BASE_URL}/api/hosts`, { method: "POST", headers: { authorization: `Bearer ${readToken()}`, "content-type": "application/json" } }, (r) => {
      let text = "";
      r.on("data", (c: Buffer) => (text += c.toString()));
      r.on("end", () => resolve({ status: r.statusCode ?? 0, body: text }));
    });
    req.on("error", reject);
    // No Content-Length: Node sends chunks. 4 MB offered; the answer must not wait for all of it.
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    const pump = () => {
      while (sent < 64) {
        sent++;
        if (!req.write(chunk)) return req.once("drain", pump);
      }
      req.end();
    };
    req.write("{");
    pump();
  });
  expect(res.status).toBe(413);
  expect(JSON.parse(res.body).error.code).toBe("too_large");
});

test("a duplicate name is a 409 naming the field", async ({ playwright }) => {
  const request = await apiContext(playwright);
  const first = await request.post("/api/hosts", { data: { ...body, name: "dup-name" } });
  expect(first.status()).toBe(201);
  const second = await request.post("/api/hosts", { data: { ...body, name: "dup-name" } });
  expect(second.status()).toBe(409);
  expect((await second.json()).error).toMatchObject({ code: "conflict", fields: { name: "This name is already used" } });
});

test("health answers without touching any host", async ({ playwright }) => {
  const request = await apiContext(playwright);
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({ ok: true, database: "ok" });
});
