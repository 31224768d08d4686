import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { collectHost } from "@/lib/jobs/collect";
import { createHost, getHost, updateHost } from "@/lib/queries/hosts";
import { labKey, readLab, startWithNoHosts, type Lab, type LabHost } from "./lab";

// An old device (ESXi 6.x, an old switch) whose sshd offers only a SHA-1 "ssh-rsa" host key:
// a second sshd in a lean lab host's namespace, its own config but for that one setting.
// netdiag must refuse it by default and say which setting fixes it, and connect once allowed.
const PORT = 2299;
let l: Lab;
let h: LabHost;
let dir: string;
let sshd: ChildProcess | undefined;
let rsaFingerprint: string;

beforeAll(async () => {
  await startWithNoHosts();
  l = readLab();
  h = l.hosts[0]!;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "nd-legacy-ssh-"));
  const key = path.join(dir, "host_rsa");
  execFileSync("ssh-keygen", ["-q", "-t", "rsa", "-b", "2048", "-N", "", "-f", key]);
  rsaFingerprint = execFileSync("ssh-keygen", ["-l", "-E", "sha256", "-f", `${key}.pub`], { encoding: "utf8" }).split(" ")[1]!;

  const labConfig = fs.readFileSync(path.join(path.dirname(l.clientKeyPath), "hosts", h.name, "sshd_config"), "utf8");
  const config = labConfig
    .split("\n")
    .filter((line) => !/^(Port|HostKey|PidFile|HostKeyAlgorithms)\s/.test(line))
    .concat([`Port ${PORT}`, `HostKey ${key}`, `PidFile ${path.join(dir, "sshd.pid")}`, "HostKeyAlgorithms ssh-rsa"])
    .join("\n");
  const configPath = path.join(dir, "sshd_config");
  fs.writeFileSync(configPath, config + "\n");

  sshd = spawn("ip", ["netns", "exec", h.namespace, "/usr/sbin/sshd", "-D", "-e", "-f", configPath], { stdio: ["ignore", "ignore", "pipe"] });
  await new Promise<void>((resolve, reject) => {
    let log = "";
    sshd!.stderr!.on("data", (chunk: Buffer) => {
      log += chunk.toString();
      if (/Server listening on .* port 2299/.test(log)) resolve();
    });
    sshd!.once("exit", (code) => reject(new Error(`the legacy sshd exited (${code}): ${log}`)));
  });
});

afterAll(() => {
  sshd?.kill();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test("a host offering only SHA-1 ssh-rsa is refused with the setting that fixes it, and collected once the user allows legacy algorithms", async () => {
  const host = await createHost({ name: "old-esxi", address: h.address, port: PORT, username: h.username, platform: "auto", privateKey: labKey(l) });

  const refused = await collectHost(host.id);
  expect(refused.status).toBe("failed");
  expect(refused.error).toMatch(/handshake/i);
  expect(refused.error).toMatch(/Allow legacy SSH algorithms/);
  // Nothing was trusted from a handshake netdiag refused.
  expect((await getHost(host.id)).hostKeyFingerprint).toBeNull();

  await updateHost(host.id, { legacySshAlgorithms: true });
  const collected = await collectHost(host.id);
  expect(collected).toMatchObject({ status: "ok", error: null });
  const pinned = await getHost(host.id);
  expect(pinned.legacySshAlgorithms).toBe(true);
  expect(pinned.hostKeyFingerprint).toBe(rsaFingerprint);
});
