// Measures one full collection of every lab host through netdiag's running server
// (wall time, and the server process's CPU time from /proc) against two baselines in the
// same run, one OpenSSH client per host, all at once: running netdiag's commands, and fetching
// only the three tables users come for in one shell (the fair limit: one shell per host).
// Also counts the shells a collection starts on each host (the lab's rc-file counters).
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { LINUX_COMMANDS } from "@/lib/collect/linux";

const [base, serverPid, labFile] = process.argv.slice(2) as [string, string, string];
const lab = JSON.parse(fs.readFileSync(labFile, "utf8")) as {
  clientKeyPath: string;
  profile?: string;
  hosts: { name: string; address: string; port: number; username: string; shellStartsPath?: string }[];
};
const LABEL = process.env.BENCH_LABEL ?? `profile ${lab.profile ?? "lean"}`;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CLK_TCK = 100; // Linux USER_HZ for /proc/<pid>/stat times on every mainstream kernel

function cpuSecondsOf(pid: string): number {
  // Sum of the process's own and its reaped children's user+system time.
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ").map(Number);
  // fields[11..14] = utime, stime, cutime, cstime (stat fields 14..17)
  return ((fields[11] ?? 0) + (fields[12] ?? 0) + (fields[13] ?? 0) + (fields[14] ?? 0)) / CLK_TCK;
}

type Call = (method: string, p: string, body?: unknown) => Promise<{ status: number; data: unknown }>;
let api: Call;

type Sample = { wallS: number; cpuS: number; failed: number };

async function netdiagRound(): Promise<Sample> {
  const cpu0 = cpuSecondsOf(serverPid);
  const t0 = process.hrtime.bigint();
  const { data } = (await api("POST", "/api/collect")) as { data: { runs: { status: string }[] } };
  const wallS = Number(process.hrtime.bigint() - t0) / 1e9;
  return { wallS, cpuS: cpuSecondsOf(serverPid) - cpu0, failed: data.runs.filter((r) => r.status !== "ok").length };
}

const knownHosts = path.join(os.tmpdir(), `netdiag-bench-known-hosts-${process.pid}`);
const ALL_COMMANDS = LINUX_COMMANDS.join("; echo; ");
const THREE_TABLES = "ip -j -s -d link show; ip -j addr show; ip -j neigh show";

function shellStarts(): number {
  let n = 0;
  for (const h of lab.hosts) {
    if (h.shellStartsPath && fs.existsSync(h.shellStartsPath)) n += fs.readFileSync(h.shellStartsPath, "utf8").split("\n").filter(Boolean).length;
  }
  return n;
}

function baselineRound(remote: string): Promise<Sample> {
  // One bash starts every ssh at once and reports its children's CPU with `times`.
  const ssh = lab.hosts
    .map(
      (h) =>
        `ssh -q -i ${lab.clientKeyPath} -p ${h.port} -o BatchMode=yes -o StrictHostKeyChecking=accept-new ` +
        `-o UserKnownHostsFile=${knownHosts} ${h.username}@${h.address} "$REMOTE" > /dev/null || echo FAIL &`,
    )
    .join("\n");
  const script = `${ssh}\nwait\ntimes`;
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const p = spawn("bash", ["-c", script], { env: { ...process.env, REMOTE: remote } });
    let out = "";
    p.stdout.on("data", (d) => (out += d));
    p.on("error", reject);
    p.on("close", () => {
      const wallS = Number(process.hrtime.bigint() - t0) / 1e9;
      const lines = out.trim().split("\n");
      const children = lines.at(-1) ?? "";
      const secs = [...children.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
      resolve({ wallS, cpuS: secs.reduce((a, b) => a + b, 0), failed: lines.filter((l) => l === "FAIL").length });
    });
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function main() {
  const { connect } = await import("./api-client.mjs");
  api = await connect(base, process.env.NETDIAG_ADMIN_USER, process.env.NETDIAG_ADMIN_PASSWORD);
  const privateKey = fs.readFileSync(lab.clientKeyPath, "utf8");
  for (const h of lab.hosts) {
    const r = await api("POST", "/api/hosts", { name: h.name, address: h.address, port: h.port, username: h.username, privateKey });
    if (r.status !== 201 && r.status !== 409) throw new Error(`registering ${h.name}: ${r.status} ${JSON.stringify(r.data)}`);
  }
  // Warm-up: pins host keys, detects the platform, fills known_hosts, loads code paths in both.
  await netdiagRound();
  await baselineRound(ALL_COMMANDS);
  const starts0 = shellStarts();
  await netdiagRound();
  const shellsPerHost = (shellStarts() - starts0) / lab.hosts.length;

  const nd: Sample[] = [];
  const bl: Sample[] = [];
  const b3: Sample[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    // Rotate the order so no side always runs on a warmer machine.
    const sides = [async () => bl.push(await baselineRound(ALL_COMMANDS)), async () => b3.push(await baselineRound(THREE_TABLES)), async () => nd.push(await netdiagRound())];
    for (let j = 0; j < sides.length; j++) await sides[(i + j) % sides.length]?.();
  }
  fs.rmSync(knownHosts, { force: true });

  const row = (name: string, s: Sample[]) =>
    `${name.padEnd(34)} ${median(s.map((x) => x.wallS)).toFixed(2).padStart(8)} s ${median(s.map((x) => x.cpuS)).toFixed(2).padStart(8)} s ${String(Math.max(...s.map((x) => x.failed))).padStart(7)}`;
  const wall = (s: Sample[]) => median(s.map((x) => x.wallS));
  console.log(`\nFull collection of ${lab.hosts.length} hosts, ${LABEL}, median of ${ROUNDS} rounds (${os.cpus().length} cores)`);
  console.log(`${"".padEnd(34)} ${"wall".padStart(10)} ${"CPU".padStart(10)} ${"failed".padStart(7)}`);
  console.log(row(`OpenSSH, netdiag's ${LINUX_COMMANDS.length} commands`, bl));
  console.log(row("OpenSSH, the three tables", b3));
  console.log(row("netdiag (POST /api/collect)", nd));
  console.log(`\nshells started per host by one collection: ${shellsPerHost.toFixed(2)} (target 1)`);
  console.log(`wall-time ratio netdiag / OpenSSH three tables: ${(wall(nd) / wall(b3)).toFixed(2)}x (target <= 0.80x)`);
  console.log(`wall-time ratio netdiag / OpenSSH same commands: ${(wall(nd) / wall(bl)).toFixed(2)}x`);
  console.log(`CPU-time ratio  netdiag / OpenSSH same commands: ${(median(nd.map((x) => x.cpuS)) / median(bl.map((x) => x.cpuS))).toFixed(2)}x`);
  console.log(`rounds: same commands ${bl.map((x) => x.wallS.toFixed(2)).join(", ")} s; three tables ${b3.map((x) => x.wallS.toFixed(2)).join(", ")} s; netdiag ${nd.map((x) => x.wallS.toFixed(2)).join(", ")} s`);

  if (process.env.BENCH_IPERF === "0") return;
  // A separate section: iperf3 overhead and fidelity on one pair (scripts/bench-iperf.ts).
  const { benchIperf } = await import("./bench-iperf");
  await benchIperf(api, JSON.parse(fs.readFileSync(labFile, "utf8")));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
