import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { apiContext } from "./auth";
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
  expect(host).toMatchObject({ name: body.name, address: h.address, port: 22, username: "root", platform: "auto", hasPrivateKey: true, hasPassword: false, hostKeyFingerprint: null, lastRun: null });
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
  expect(read.lastRun).toMatchObject({ runId: run.runId, status: "ok" });

  const patched = await request.patch(`/api/hosts/${host.id}`, { data: { port: 2222 } });
  expect(patched.status()).toBe(200);
  // Moving the host unpins its key: the old key says nothing about the new endpoint.
  expect(await patched.json()).toMatchObject({ port: 2222, hostKeyFingerprint: null });

  expect((await request.delete(`/api/hosts/${host.id}`)).status()).toBe(204);
  expect((await request.get(`/api/hosts/${host.id}`)).status()).toBe(404);
});

test("bad input and unknown ids answer 4xx JSON errors and change nothing", async ({ playwright }) => {
  const request = await apiContext(playwright);
  const before = (await (await request.get("/api/hosts")).json()).items.length;
  const cases: [string, () => Promise<import("@playwright/test").APIResponse>, number, string][] = [
    ["port out of range", () => request.post("/api/hosts", { data: { ...body, port: 70000 } }), 400, "validation"],
    ["shell syntax in the name", () => request.post("/api/hosts", { data: { ...body, name: "a;reboot" } }), 400, "validation"],
    ["bad address", () => request.post("/api/hosts", { data: { ...body, address: "$(id)" } }), 400, "validation"],
    ["key that does not parse", () => request.post("/api/hosts", { data: { ...body, privateKey: "not a key" } }), 400, "validation"],
    ["no credential", () => request.post("/api/hosts", { data: { ...body, privateKey: undefined } }), 400, "validation"],
    ["unknown field", () => request.post("/api/hosts", { data: { ...body, shell: "/bin/sh" } }), 400, "validation"],
    ["port as a string", () => request.post("/api/hosts", { data: { ...body, port: "22" } }), 400, "validation"],
    ["malformed JSON", () => request.post("/api/hosts", { data: Buffer.from("{ nope"), headers: { "content-type": "application/json" } }), 400, "bad_json"],
    ["unknown host", () => request.get("/api/hosts/999999"), 404, "not_found"],
    ["unknown host's interfaces", () => request.get("/api/hosts/999999/interfaces"), 404, "not_found"],
    ["collect an unknown host", () => request.post("/api/hosts/999999/collect"), 404, "not_found"],
    ["id that is not a number", () => request.get("/api/hosts/abc"), 400, "validation"],
    ["delete an unknown host", () => request.delete("/api/hosts/999999"), 404, "not_found"],
  ];
  for (const [name, call, status, code] of cases) {
    const res = await call();
    expect(res.status(), name).toBe(status);
    const err = (await res.json()).error;
    expect(err.code, name).toBe(code);
    expect(err.message.length, name).toBeGreaterThan(5);
  }
  const field = (await (await request.post("/api/hosts", { data: { ...body, port: 0 } })).json()).error.fields;
  expect(field).toEqual({ port: "Port must be between 1 and 65535" });
  expect((await (await request.get("/api/hosts")).json()).items.length).toBe(before);
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
