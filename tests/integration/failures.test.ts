import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { collectAll, collectHost } from "@/lib/jobs/collect";
import { acceptOfferedHostKey, createHost, getHost, updateHost } from "@/lib/queries/hosts";
import { getLatestSnapshot, listRuns } from "@/lib/queries/runs";
import { lab, labKey, readLab, type Lab, type LabHost, startWithNoHosts } from "./lab";

// Each failure is made real on the lab (stopped sshd, wrong key, new host key, a frozen
// sshd, an `ip` that prints garbage) and must land on that host's run only.
let l: Lab;
const ids = new Map<string, number>();
const idOf = (h: LabHost) => ids.get(h.name) as number;
let stopped: LabHost, wrongKey: LabHost, rekeyed: LabHost, frozen: LabHost, garbage: LabHost, healthy: LabHost[];

function sshdPid(h: LabHost): number {
  const status = JSON.parse(lab("status", "--json")) as { hosts: { name: string; sshdPid: number | null }[] };
  const pid = status.hosts.find((x) => x.name === h.name)?.sshdPid;
  if (!pid) throw new Error(`${h.name}'s sshd is not running`);
  return pid;
}

function garbageBin(h: LabHost): string {
  return path.join(path.dirname(l.clientKeyPath), "hosts", h.name, "bin");
}

beforeAll(async () => {
  await startWithNoHosts();
  l = readLab();
  [stopped, wrongKey, rekeyed, frozen, garbage, ...healthy] = l.hosts as [LabHost, LabHost, LabHost, LabHost, LabHost, ...LabHost[]];
  const privateKey = labKey(l);
  for (const h of l.hosts) {
    const created = await createHost({ name: `f-${h.name}`, address: h.address, port: h.port, username: h.username, platform: "auto", privateKey });
    ids.set(h.name, created.id);
  }
  // A first good collection pins every key and stores a snapshot to fall back on.
  const first = await collectAll();
  expect(first.every((r) => r.status === "ok")).toBe(true);
});

afterAll(() => {
  lab("sshd-start", stopped.name);
  lab("rekey", rekeyed.name, "--restore");
  try {
    process.kill(sshdPid(frozen), "SIGCONT");
  } catch {
    // already running or restarted
  }
  fs.rmSync(garbageBin(garbage), { recursive: true, force: true });
});

test("a stopped sshd, a refused key, a changed host key, a hung host and garbage output each fail on their own run while every other host is collected", async () => {
  lab("sshd-stop", stopped.name);
  const otherKey = execFileSync("bash", ["-c", 'd=$(mktemp -d) && ssh-keygen -q -t ed25519 -N "" -f "$d/k" && cat "$d/k" && rm -rf "$d"'], { encoding: "utf8" });
  await updateHost(idOf(wrongKey), { privateKey: otherKey });
  lab("rekey", rekeyed.name);
  process.kill(sshdPid(frozen), "SIGSTOP");
  fs.mkdirSync(garbageBin(garbage), { recursive: true });
  fs.writeFileSync(path.join(garbageBin(garbage), "ip"), "#!/bin/sh\nprintf '\\x01\\x02 Segmentation fault (core dumped)\\n{\"not\": ['\nexit 0\n", { mode: 0o755 });

  const runs = await collectAll();
  const byHost = new Map(runs.map((r) => [r.hostId, r]));

  expect(byHost.get(idOf(stopped))).toMatchObject({ status: "failed", errorCode: "refused" });
  expect(byHost.get(idOf(wrongKey))).toMatchObject({ status: "failed", errorCode: "auth" });
  expect(byHost.get(idOf(rekeyed))).toMatchObject({ status: "failed", errorCode: "host-key-changed" });
  expect(byHost.get(idOf(frozen))).toMatchObject({ status: "failed", errorCode: "timeout" });
  expect(byHost.get(idOf(garbage))).toMatchObject({ status: "failed", errorCode: "parse" });
  for (const h of healthy) expect(byHost.get(idOf(h))).toMatchObject({ status: "ok", error: null });

  // The messages are for people: they name the problem.
  expect(byHost.get(idOf(stopped))?.error).toMatch(/refused/i);
  expect(byHost.get(idOf(wrongKey))?.error).toMatch(/key/i);
  expect(byHost.get(idOf(garbage))?.error).toMatch(/ip -j -s -d link show|ip -s -d link show/);

  // No secret in any stored error.
  const secret = labKey(l).split("\n")[1]!;
  for (const r of runs) expect(r.error ?? "").not.toContain(secret);

  // A failed run keeps the previous snapshot visible.
  for (const h of [stopped, wrongKey, rekeyed, frozen, garbage]) {
    const snap = await getLatestSnapshot(idOf(h));
    expect(snap?.interfaces.find((i) => i.name === "eth0")?.mac).toBe(h.interfaces[0]!.mac);
  }
});

test("a changed host key is refused until the user accepts the new one", async () => {
  const before = await getHost(idOf(rekeyed));
  expect(before.hostKeyState).toBe("changed");
  expect(before.hostKeyFingerprint).toBe(rekeyed.hostKeyFingerprint);
  const offered = before.offeredHostKeyFingerprint!;
  expect(offered).toMatch(/^SHA256:/);
  expect(offered).not.toBe(rekeyed.hostKeyFingerprint);

  // Still refused on the next try: nothing is accepted silently.
  expect((await collectHost(idOf(rekeyed))).errorCode).toBe("host-key-changed");
  // Accepting a fingerprint other than the offered one is refused.
  await expect(acceptOfferedHostKey(idOf(rekeyed), rekeyed.hostKeyFingerprint)).rejects.toThrow(/not the one/);

  const accepted = await acceptOfferedHostKey(idOf(rekeyed), offered);
  expect(accepted).toMatchObject({ hostKeyState: "pinned", hostKeyFingerprint: offered });
  expect((await collectHost(idOf(rekeyed))).status).toBe("ok");
  const runs = await listRuns(idOf(rekeyed));
  expect(runs.map((r) => r.status).slice(0, 3)).toEqual(["ok", "failed", "failed"]);
});

test("a password host moved to another address needs its password again: the saved one never goes to whatever answers there", async () => {
  const h = await createHost({ name: "f-password-host", address: "127.0.0.1", port: 2299, username: "admin", platform: "auto", password: "s3cret-on-the-old-box" });
  const moved = updateHost(h.id, { address: "127.0.0.2" });
  await expect(moved).rejects.toMatchObject({ status: 400, fields: { password: expect.stringMatching(/again/) } });
  // Nothing changed; the same edit with the password, or another name only, goes through.
  expect(await getHost(h.id)).toMatchObject({ address: "127.0.0.1", hasPassword: true });
  expect(await updateHost(h.id, { name: "f-password-host-2" })).toMatchObject({ name: "f-password-host-2", address: "127.0.0.1" });
  expect(await updateHost(h.id, { address: "127.0.0.2", password: "typed-again" })).toMatchObject({ address: "127.0.0.2", hasPassword: true });
  // A key host may move: a private key only signs, it is never sent.
  const k = await createHost({ name: "f-key-host", address: "127.0.0.1", port: 2299, username: "admin", platform: "auto", privateKey: labKey(l) });
  expect(await updateHost(k.id, { address: "127.0.0.3" })).toMatchObject({ address: "127.0.0.3", hasPrivateKey: true });
});
