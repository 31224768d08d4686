import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { POST as collectRoute } from "@/app/api/hosts/[id]/collect/route";
import { getDb } from "@/lib/db";
import { collectAll } from "@/lib/jobs/collect";
import { createHost } from "@/lib/queries/hosts";
import { listSites } from "@/lib/queries/sites";
import { labKey, readLab, startWithNoHosts, type LabHost } from "./lab";

// A second netdiag process, `npm run collector` for site "far", on the suite's database and
// against the lab over real SSH, next to this process (an unscoped server). The collector
// collects its site's host and never touches the other one (the lab's sshd logs say who
// logged in); this process leaves the far host alone, also after the collector stops.
const ROOT = path.resolve(__dirname, "../..");
let near: { id: number; host: LabHost };
let far: { id: number; host: LabHost };
let collector: ChildProcess | null = null;
let output = "";

/** Logins the lab host's sshd accepted so far: the command audit of who touched it. */
const logins = (h: LabHost) => (fs.readFileSync(path.join(path.dirname(h.shellStartsPath), `${h.name}.sshd.log`), "utf8").match(/Accepted /g) ?? []).length;

/** Resolves with the collector's output once a line matching `re` appears (or rejects when it exits first). */
function untilOutput(re: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (re.test(output)) {
        collector?.stdout?.off("data", check);
        collector?.off("exit", exited);
        resolve(output);
      }
    };
    const exited = (code: number | null) => reject(new Error(`the collector exited (${code}) before printing ${re}:\n${output}`));
    collector?.stdout?.on("data", check);
    collector?.once("exit", exited);
    check();
  });
}

beforeAll(async () => {
  await startWithNoHosts();
  const l = readLab();
  const plain = l.hosts.filter((h) => h.roles.length === 0);
  const [a, b] = plain.length >= 2 ? plain : l.hosts;
  const privateKey = labKey(l);
  const h1 = await createHost({ name: `near-${a!.name}`, address: a!.address, port: a!.port, username: a!.username, platform: "auto", privateKey });
  const h2 = await createHost({ name: `far-${b!.name}`, address: b!.address, port: b!.port, username: b!.username, platform: "auto", privateKey, site: "far" });
  near = { id: h1.id, host: a! };
  far = { id: h2.id, host: b! };
});

afterAll(async () => {
  collector?.kill("SIGKILL");
  // Other files start from no hosts; the collector's rows would otherwise keep "far" a site.
  await (await getDb()).collector.deleteMany({ where: { site: "far" } });
});

test("a collector of site far collects only its site's host; the server collects the rest and refuses the far host", async () => {
  const before = { near: logins(near.host), far: logins(far.host) };
  collector = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/collector.ts"], {
    cwd: ROOT,
    // Same database and key folder as this process; a five-minute cadence whose first slot is now.
    env: { ...process.env, NETDIAG_SITE: "far", NETDIAG_ROLE: "collector", NETDIAG_COLLECT_INTERVAL: "5" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  collector.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  collector.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  await untilOutput(/scheduled collection: 1 host\(s\) collected/);
  expect(output).toContain('collector for site "far" started');

  const db = await getDb();
  const runsOf = (hostId: number) => db.run.findMany({ where: { hostId }, select: { status: true } });
  expect(await runsOf(far.id)).toEqual([{ status: "ok" }]);
  expect(await runsOf(near.id)).toEqual([]);
  expect(logins(far.host)).toBeGreaterThan(before.far);
  expect(logins(near.host)).toBe(before.near);

  // This process (unscoped) collects every site without a collector of its own: not far.
  const mine = await collectAll();
  expect(mine.map((r) => r.hostId)).toEqual([near.id]);
  const refused = await collectRoute(new Request(`http://localhost/api/hosts/${far.id}/collect`, { method: "POST" }), { params: Promise.resolve({ id: String(far.id) }) });
  expect(refused.status).toBe(409);
  expect((await refused.json()).error).toEqual({
    code: "remote_site",
    message: `far-${far.host.name} is at site "far", which its own collector collects: it runs there, where the host can be reached`,
  });

  const site = (await listSites()).find((s) => s.name === "far");
  expect(site).toMatchObject({ hosts: 1, uncovered: false, collectors: [{ role: "collector", site: "far", live: true, version: "0.1.0" }] });
  expect(site!.collectors[0]!.jobsDone).toBeGreaterThanOrEqual(1);
});

test("a collector stopped with SIGTERM says so at once: its site is flagged and its collections wait rather than run from here", async () => {
  const exited = new Promise<number | null>((resolve) => collector!.once("exit", resolve));
  collector!.kill("SIGTERM");
  expect(await exited).toBe(0);
  collector = null;
  expect(output).toContain("collector stopping (SIGTERM)");
  const site = (await listSites()).find((s) => s.name === "far");
  expect(site).toMatchObject({ hosts: 1, uncovered: true, collectors: [{ site: "far", live: false }] });
  const before = logins(far.host);
  expect((await collectAll()).map((r) => r.hostId)).toEqual([near.id]);
  expect(logins(far.host)).toBe(before);
});
