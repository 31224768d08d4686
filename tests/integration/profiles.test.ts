import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { collectHost } from "@/lib/jobs/collect";
import { verifyMtu } from "@/lib/jobs/mtu-probes";
import { createHost, getHost } from "@/lib/queries/hosts";
import { getLatestSnapshot, listRuns } from "@/lib/queries/runs";
import { labKey, readLab, type Lab, type LabHost, startWithNoHosts } from "./lab";

// Hosts as users have them (lab/README.md "Host profiles"): Debian's sshd with PAM (under
// systemd), a login shell that takes 0.5 s, rc files that print banners on stdout and stderr,
// zsh, fish and tcsh as login shells, non-root users, MaxSessions 1, and all of it at once.
// Each must be collected "ok", in one shell once its platform is known.

let l: Lab;
const ids = new Map<string, number>();
const idOf = (h: LabHost) => ids.get(h.name) ?? -1;
const shellStarts = (h: LabHost) => (fs.existsSync(h.shellStartsPath) ? fs.readFileSync(h.shellStartsPath, "utf8").split("\n").filter(Boolean).length : 0);
const auditLog = (h: LabHost) => fs.readFileSync(path.join(path.dirname(h.shellStartsPath), `${h.name}.sshd.log`), "utf8");

beforeAll(async () => {
  await startWithNoHosts();
  l = readLab();
  const privateKey = labKey(l);
  for (const h of l.profileHosts) {
    const created = await createHost({ name: h.name, address: h.address, port: h.port, username: h.username, platform: "auto", privateKey });
    ids.set(h.name, created.id);
  }
});

describe("realistic hosts", () => {
  test("the lab has one host per profile", () => {
    expect(l.profileHosts.map((h) => h.profile).sort()).toEqual(
      ["banner", "debian", "fish", "hardened", "maxsessions1", "pam", "slow", "tcsh", "user", "zsh"].sort(),
    );
  });

  test.each(["debian", "pam", "slow", "banner", "user", "zsh", "fish", "tcsh", "maxsessions1", "hardened"])(
    "%s: collected ok with its real NICs; the first collection detects (2 shells), the next takes 1",
    async (profile) => {
      const h = l.profileHosts.find((x) => x.profile === profile);
      expect(h, `no ${profile} host in the lab`).toBeDefined();
      if (!h) return;

      const before = shellStarts(h);
      const first = await collectHost(idOf(h));
      expect([first.status, first.error]).toEqual(["ok", null]);
      const afterFirst = shellStarts(h);
      expect(afterFirst - before).toBe(2);

      const second = await collectHost(idOf(h));
      expect([second.status, second.error]).toEqual(["ok", null]);
      expect(shellStarts(h) - afterFirst).toBe(1);
      const [run] = await listRuns(idOf(h), 1);
      expect(run).toMatchObject({ shellStarts: 1, channels: 1 });

      const host = await getHost(idOf(h));
      expect(host).toMatchObject({ detectedPlatform: "linux", hostname: h.hostname });
      const snap = await getLatestSnapshot(idOf(h));
      for (const nic of h.interfaces) {
        const got = snap?.interfaces.find((i) => i.name === nic.name);
        expect(got, `${h.name} ${nic.name}`).toMatchObject({ mac: nic.mac, mtu: nic.mtu, state: "up" });
        expect(got?.addresses).toEqual(expect.arrayContaining(nic.addresses));
      }
      // The banner the rc files print is nowhere in what was stored.
      expect(JSON.stringify(snap)).not.toMatch(/Welcome to|Managed by Ansible|setlocale/);
    },
  );

  test.each(["slow", "tcsh"])("%s: Verify MTU runs every DF ping from the host at once in one shell, each read", async (profile) => {
    const h = l.profileHosts.find((x) => x.profile === profile);
    expect(h).toBeDefined();
    if (!h) return;
    const before = shellStarts(h);
    const batch = await verifyMtu(idOf(h));
    const from = batch.probes.filter((p) => p.fromHostId === idOf(h));
    // Every other profile host on the segment (all at MTU 1500), at the full size and one below.
    const others = l.profileHosts.filter((x) => x !== h).map(idOf);
    expect([...new Set(from.map((p) => p.toHostId))].sort((a, b) => a - b)).toEqual(others.sort((a, b) => a - b));
    expect(from).toHaveLength(2 * others.length);
    expect(from.map((p) => [p.toHostName, p.error, p.ok])).toEqual(from.map((p) => [p.toHostName, null, true]));
    expect(shellStarts(h) - before).toBe(1);
  });

  test("the host got one exec request per shell, the commands arriving as one script on stdin", () => {
    const h = l.profileHosts.find((x) => x.profile === "hardened");
    expect(h).toBeDefined();
    if (!h) return;
    const log = auditLog(h);
    const execs = log.split("\n").filter((line) => line.startsWith("lab-exec:"));
    expect(execs.length).toBeGreaterThan(0);
    expect(execs.every((line) => line.endsWith("command=exec /bin/sh -s"))).toBe(true);
    const script = log.split("\n").filter((line) => line.startsWith("lab-script:"));
    expect(script.some((line) => line.includes("ip -j -s -d link show"))).toBe(true);
  });
});
