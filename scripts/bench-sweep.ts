// npm run bench (collect part), on PostgreSQL: the scheduled sweep of every registered host by
// `npm run collector` processes of one site, one process against two sharing the sweep, on the
// database and hosts bench.ts just used. Each round puts the site's next slot a few seconds
// ahead, starts the processes, and waits for each to report its part of the sweep. Figures:
// the sweep's wall time (slot to its last collection's end), hosts per minute, the processes'
// CPU per host (from /proc, startup excluded), and the rows the sweep wrote (pg_stat_database).
// Then a simulated inventory of BENCH_SIM_HOSTS (1,000) hosts: the lab's hosts registered again
// and again under other names (every copy a real login to a real lab sshd, answering as the
// lab's fastest profile does), swept by one process at several widths and by two: where one
// process saturates (its CPU over the wall time nears one core) and what a second one adds.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";

const SITE = "bench";
const KEY = `collect-all:${SITE}`;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CLK_TCK = 100;
const LEAD_MS = 8000; // the processes' start-up (tsx) fits in it, on 2 loaded cores too
// Hosts each process collects at once. Below the lab's size, so that one process's limit is
// reached, as it is with 1,000 hosts at the default of 64: what a second process is for.
const CONCURRENCY = process.env.BENCH_SWEEP_CONCURRENCY ?? "10";

function cpuSecondsOf(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ").map(Number);
  return ((f[11] ?? 0) + (f[12] ?? 0) + (f[13] ?? 0) + (f[14] ?? 0)) / CLK_TCK;
}

const SIM_HOSTS = Number(process.env.BENCH_SIM_HOSTS ?? 1000);

function collector(concurrency: string): { proc: ChildProcess; done: Promise<void> } {
  const proc = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/collector.ts"], {
    env: { ...process.env, NETDIAG_ROLE: "collector", NETDIAG_SITE: SITE, NETDIAG_COLLECT_INTERVAL: "5", NETDIAG_COLLECT_CONCURRENCY: concurrency },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  const done = new Promise<void>((resolve, reject) => {
    const check = (d: Buffer) => {
      out += d.toString();
      if (/scheduled collection: /.test(out)) resolve();
    };
    proc.stdout!.on("data", check);
    proc.stderr!.on("data", (d: Buffer) => (out += d.toString()));
    proc.once("exit", (code) => reject(new Error(`a collector exited (${code}) before its sweep:\n${out}`)));
  });
  return { proc, done };
}

type Round = { processes: number; wallS: number; cpuS: number; hosts: number; failed: number; writes: number; byProcess: number[]; doneS: number };

async function main() {
  const { getDb } = await import("@/lib/db");
  const db = await getDb();
  await db.host.updateMany({ data: { site: SITE } });
  const hosts = await db.host.count();
  const writes = async () => {
    const [r] = await db.$queryRawUnsafe<{ n: bigint }[]>("SELECT tup_inserted + tup_updated + tup_deleted AS n FROM pg_stat_database WHERE datname = current_database()");
    return Number(r?.n ?? 0);
  };

  async function sweep(processes: number, concurrency = CONCURRENCY): Promise<Round> {
    await db.scheduledJob.deleteMany({ where: { key: KEY } });
    const slot = new Date(Date.now() + LEAD_MS);
    await db.scheduledJob.create({ data: { key: KEY, nextDueAt: slot } });
    const w0 = await writes();
    const procs = Array.from({ length: processes }, () => collector(concurrency));
    // CPU from the slot on: start-up (module loading) is not the sweep's.
    const atSlot = new Promise<number[]>((resolve) => setTimeout(() => resolve(procs.map((p) => cpuSecondsOf(p.proc.pid!))), slot.getTime() - Date.now()));
    const cpu0 = await atSlot;
    await Promise.all(procs.map((p) => p.done));
    // Findings included: a process reports once it has evaluated them (the last one to finish).
    const doneS = (Date.now() - slot.getTime()) / 1000;
    const cpuS = procs.reduce((sum, p, i) => sum + cpuSecondsOf(p.proc.pid!) - cpu0[i]!, 0);
    const runs = await db.run.findMany({ where: { sweep: `${KEY}@${slot.toISOString()}` }, select: { finishedAt: true, status: true, collectorId: true } });
    const end = Math.max(...runs.map((r) => r.finishedAt?.getTime() ?? Date.now()));
    const byProcess = [...runs.reduce((m, r) => m.set(r.collectorId, (m.get(r.collectorId) ?? 0) + 1), new Map<string | null, number>()).values()];
    await Promise.all(procs.map((p) => new Promise((resolve) => (p.proc.once("exit", resolve), p.proc.kill("SIGTERM")))));
    // Exited backends have flushed their statistics.
    return { processes, doneS, wallS: (end - slot.getTime()) / 1000, cpuS, hosts: runs.length, failed: runs.filter((r) => r.status === "failed").length, writes: (await writes()) - w0, byProcess };
  }

  const rounds: Round[] = [];
  for (let i = 0; i < ROUNDS; i++) for (const n of i % 2 ? [2, 1] : [1, 2]) rounds.push(await sweep(n));
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
  console.log(`\nScheduled sweep of ${hosts} hosts by collectors of one site on PostgreSQL, ${CONCURRENCY} hosts at once per process, median of ${ROUNDS} rounds (${os.cpus().length} cores)`);
  console.log(`${"".padEnd(26)} ${"wall".padStart(9)} ${"hosts/min".padStart(10)} ${"CPU/host".padStart(10)} ${"rows written".padStart(13)} ${"failed".padStart(7)}  hosts per process`);
  const stats = new Map<number, { wall: number }>();
  for (const n of [1, 2]) {
    const rs = rounds.filter((r) => r.processes === n);
    const wall = median(rs.map((r) => r.wallS));
    stats.set(n, { wall });
    const perHostCpu = median(rs.map((r) => r.cpuS / Math.max(1, r.hosts)));
    console.log(
      `${`${n} process${n > 1 ? "es" : ""}`.padEnd(26)} ${wall.toFixed(2).padStart(7)} s ${((hosts / wall) * 60).toFixed(0).padStart(10)} ${(perHostCpu * 1000).toFixed(0).padStart(7)} ms ${String(median(rs.map((r) => r.writes))).padStart(13)} ${String(Math.max(...rs.map((r) => r.failed))).padStart(7)}  ${rs.map((r) => r.byProcess.join("+")).join(", ")}`,
    );
  }
  console.log(`wall-time ratio two processes / one: ${(stats.get(2)!.wall / stats.get(1)!.wall).toFixed(2)}x (both on this one machine's cores)`);
  console.log(`rounds (wall s): ${rounds.map((r) => `${r.processes}p ${r.wallS.toFixed(2)}`).join(", ")}`);

  if (SIM_HOSTS > hosts) {
    // Copies of the registered hosts, round-robin, so hosts collected together are on different
    // lab hosts. Registered as a user would (a secret is sealed to its own host row), with the
    // original's pinned host key.
    const { createHost } = await import("@/lib/queries/hosts");
    const lab = JSON.parse(fs.readFileSync(process.argv[2] ?? "", "utf8")) as { clientKeyPath: string };
    const privateKey = fs.readFileSync(lab.clientKeyPath, "utf8");
    const originals = await db.host.findMany({ orderBy: { id: "asc" } });
    for (let i = 0; i < SIM_HOSTS - hosts; i++) {
      const o = originals[i % originals.length]!;
      const copy = await createHost({ name: `sim${String(i + 1).padStart(4, "0")}-${o.name}`, address: o.address, port: o.port, username: o.username, platform: "auto", privateKey, site: SITE });
      await db.host.update({ where: { id: copy.id }, data: { hostKeyFingerprint: o.hostKeyFingerprint, hostKeyAlgorithm: o.hostKeyAlgorithm } });
    }
    const total = await db.host.count();
    console.log(`\nSimulated inventory: ${total} hosts (the ${hosts} lab hosts registered ${Math.ceil(total / hosts)} times over, each copy a real SSH login), one round each`);
    console.log(`${"".padEnd(26)} ${"wall".padStart(9)} ${"+findings".padStart(10)} ${"hosts/min".padStart(10)} ${"CPU/host".padStart(10)} ${"CPU/wall".padStart(9)} ${"rows written".padStart(13)} ${"failed".padStart(7)}  hosts per process`);
    const widths = (process.env.BENCH_SIM_WIDTHS ?? "16,64,128").split(",");
    const sim: [string, Round][] = [];
    for (const w of widths) sim.push([`1 process, ${w} at once`, await sweep(1, w)]);
    sim.push(["2 processes, 64 at once", await sweep(2, "64")]);
    for (const [label, r] of sim) {
      console.log(
        `${label.padEnd(26)} ${r.wallS.toFixed(1).padStart(7)} s ${r.doneS.toFixed(1).padStart(8)} s ${((r.hosts / r.wallS) * 60).toFixed(0).padStart(10)} ${((r.cpuS / Math.max(1, r.hosts)) * 1000).toFixed(0).padStart(7)} ms ${(r.cpuS / r.processes / r.doneS).toFixed(2).padStart(9)} ${String(r.writes).padStart(13)} ${String(r.failed).padStart(7)}  ${r.byProcess.join("+")}`,
      );
    }
    const one = sim.find(([l]) => l === "1 process, 64 at once")?.[1];
    const two = sim.at(-1)![1];
    if (one) console.log(`two processes / one at 64 at once: wall ${(two.wallS / one.wallS).toFixed(2)}x, hosts/min ${(one.wallS / two.wallS).toFixed(2)}x`);
    console.log("CPU/wall: a process's CPU seconds per second of the sweep (findings included); 1.00 is one core, all Node can use for JavaScript.");
  }
  process.exit(0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
