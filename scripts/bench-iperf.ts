// iperf3 part of `npm run bench`, on one pair of lab hosts:
//   overhead: a 5 s test in each direction through netdiag's API, from the POST to the stored
//             result, minus the 5 s of test itself (target <= 0.5 s per direction);
//   fidelity: netdiag's figure against iperf3 run by hand over OpenSSH on the same pair, in
//             the same bench, rounds alternating (target within 5%): unpaced (what the path
//             gives; over veths on a small machine this is CPU-bound and noisy, so the spread
//             of the by-hand rounds is printed as the noise floor) and paced to 1 Gbit/s
//             (a gigabit link), where the noise is small and any distortion would show.
// Also runs on its own against any lab and server:
//   NETDIAG_ADMIN_USER=.. NETDIAG_ADMIN_PASSWORD=.. node --import tsx scripts/bench-iperf.ts URL lab/state/<prefix>/lab.json
import { execFile } from "node:child_process";
import fs from "node:fs";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";

type Call = (method: string, p: string, body?: unknown) => Promise<{ status: number; data: unknown }>;
type LabHost = { name: string; address: string; port: number; username: string };
type Lab = { clientKeyPath: string; sshConfigPath: string; hosts: LabHost[] };
type Flow = "forward" | "reverse";
type Run = { id: number; status: string; error: string | null; startedAt: string | null; finishedAt: string | null; forward: { bitsPerSecond: number | null } | null; reverse: { bitsPerSecond: number | null } | null };

const run = promisify(execFile);
const DURATION_S = 5;
const RAW_PORT = 5299;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function netdiagTest(api: Call, clientHostId: number, serverHostId: number, flow: Flow, bitrateMbps: number | null): Promise<{ overheadS: number; bps: number }> {
  const t0 = performance.now();
  const created = await api("POST", "/api/iperf/runs", { clientHostId, serverHostId, durationSec: DURATION_S, omitSec: 0, direction: flow, bitrateMbps });
  if (created.status !== 201) throw new Error(`POST /api/iperf/runs: ${created.status} ${JSON.stringify(created.data)}`);
  const id = (created.data as Run).id;
  // No requests while the test runs: on a small machine they would take CPU from iperf3.
  await new Promise((resolve) => setTimeout(resolve, DURATION_S * 1000 - 100));
  for (;;) {
    const r = (await api("GET", `/api/iperf/runs/${id}`)).data as Run;
    if (r.status === "done" || r.status === "failed" || r.status === "cancelled") {
      const wallS = (performance.now() - t0) / 1000;
      const bps = r[flow]?.bitsPerSecond;
      if (r.status !== "done" || bps == null) throw new Error(`iperf run ${id} ${r.status}: ${r.error}`);
      return { overheadS: wallS - DURATION_S, bps };
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** iperf3 by hand: a one-off daemon on the server, the client over OpenSSH, -J parsed here. */
async function rawTest(lab: Lab, client: LabHost, server: LabHost, flow: Flow, bitrateMbps: number | null): Promise<number> {
  const ssh = (h: LabHost, cmd: string) => run("ssh", ["-F", lab.sshConfigPath, "-o", "BatchMode=yes", h.name, cmd], { maxBuffer: 16 * 1024 * 1024 });
  await ssh(server, `iperf3 -s -1 -D -p ${RAW_PORT}`);
  for (let attempt = 0; ; attempt++) {
    try {
      const { stdout } = await ssh(client, `iperf3 -c ${server.address} -p ${RAW_PORT} -t ${DURATION_S} -J${flow === "reverse" ? " -R" : ""}${bitrateMbps ? ` -b ${bitrateMbps}M` : ""}`);
      const report = JSON.parse(stdout) as { error?: string; end?: { sum_received?: { bits_per_second?: number } } };
      const bps = report.end?.sum_received?.bits_per_second;
      if (bps === undefined) throw new Error(report.error ?? "no result");
      return bps;
    } catch (err) {
      // The daemon forks before it listens: give it a moment once.
      if (attempt > 0) throw err;
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }
}

type Rounds = Record<Flow, { overhead: number[]; nd: number[]; raw: number[] }>;

async function rounds(api: Call, lab: Lab, ids: [number, number], n: number, bitrateMbps: number | null): Promise<Rounds> {
  const [client, server] = lab.hosts as [LabHost, LabHost];
  const out: Rounds = { forward: { overhead: [], nd: [], raw: [] }, reverse: { overhead: [], nd: [], raw: [] } };
  for (let i = 0; i < n; i++) {
    for (const flow of ["forward", "reverse"] as const) {
      const nd = async () => {
        const r = await netdiagTest(api, ids[0], ids[1], flow, bitrateMbps);
        out[flow].overhead.push(r.overheadS);
        out[flow].nd.push(r.bps);
      };
      const raw = async () => out[flow].raw.push(await rawTest(lab, client, server, flow, bitrateMbps));
      // Alternate which goes first so neither always runs on a warmer machine.
      if (i % 2 === 0) await nd().then(raw);
      else await raw().then(nd);
    }
  }
  return out;
}

const mbit = (b: number) => `${(b / 1e6).toFixed(0)} Mbit/s`;
const pct = (x: number) => `${x >= 0 ? "+" : ""}${(x * 100).toFixed(1)}%`;

function report(title: string, r: Rounds, withOverhead: boolean) {
  console.log(`\n${title}`);
  console.log(`${"".padEnd(9)} ${withOverhead ? "overhead".padStart(9) : ""} ${"netdiag".padStart(13)} ${"by hand".padStart(13)} ${"difference".padStart(11)} ${"by-hand spread".padStart(15)}`);
  for (const flow of ["forward", "reverse"] as const) {
    const x = r[flow];
    // Paired: each netdiag round against the by-hand run right beside it, then the median.
    const diff = median(x.nd.map((v, i) => v / (x.raw[i] ?? NaN) - 1));
    const spread = (Math.max(...x.raw) - Math.min(...x.raw)) / median(x.raw);
    const overhead = withOverhead ? `${median(x.overhead).toFixed(2)} s`.padStart(9) : "";
    console.log(`${flow.padEnd(9)} ${overhead} ${mbit(median(x.nd)).padStart(13)} ${mbit(median(x.raw)).padStart(13)} ${pct(diff).padStart(11)} ${`${(spread * 100).toFixed(0)}%`.padStart(15)}`);
  }
  for (const flow of ["forward", "reverse"] as const) {
    const x = r[flow];
    console.log(`  ${flow}: netdiag ${x.nd.map(mbit).join(", ")}; by hand ${x.raw.map(mbit).join(", ")}${withOverhead ? `; overhead ${x.overhead.map((v) => v.toFixed(2)).join(", ")} s` : ""}`);
  }
}

export async function benchIperf(api: Call, lab: Lab, n = Number(process.env.BENCH_IPERF_ROUNDS ?? 3)): Promise<void> {
  const [client, server] = lab.hosts as [LabHost, LabHost];
  const hosts = ((await api("GET", "/api/hosts")).data as { items: { id: number; address: string }[] }).items;
  const idOf = (h: LabHost) => {
    const found = hosts.find((x) => x.address === h.address);
    if (!found) throw new Error(`${h.name} is not registered`);
    return found.id;
  };
  const ids: [number, number] = [idOf(client), idOf(server)];
  // Warm-up: pins host keys and loads the code paths.
  await netdiagTest(api, ids[0], ids[1], "forward", null);
  const free = await rounds(api, lab, ids, n, null);
  const paced = await rounds(api, lab, ids, n, 1000);
  console.log(`\niperf3 ${client.name} <-> ${server.name}: ${DURATION_S} s per direction, median of ${n} rounds, netdiag and by hand alternating`);
  report("Unpaced (CPU-bound over veths: compare the difference with the by-hand spread)", free, true);
  report("Paced to 1 Gbit/s (a gigabit link)", paced, false);
  console.log(`\ntargets: overhead <= 0.50 s per direction (API request to stored result, minus the ${DURATION_S} s test); netdiag within 5% of iperf3 by hand`);
}

async function standalone() {
  const [base, labFile] = process.argv.slice(2) as [string, string];
  const lab = JSON.parse(fs.readFileSync(labFile, "utf8")) as Lab;
  const { connect } = await import("./api-client.mjs");
  const api = (await connect(base, process.env.NETDIAG_ADMIN_USER, process.env.NETDIAG_ADMIN_PASSWORD)) as Call;
  const privateKey = fs.readFileSync(lab.clientKeyPath, "utf8");
  for (const h of lab.hosts.slice(0, 2)) {
    const r = await api("POST", "/api/hosts", { name: h.name, address: h.address, port: h.port, username: h.username, privateKey });
    if (r.status !== 201 && r.status !== 409) throw new Error(`registering ${h.name}: ${r.status} ${JSON.stringify(r.data)}`);
    if (r.status === 201) await api("POST", `/api/hosts/${(r.data as { id: number }).id}/collect`);
  }
  await benchIperf(api, lab);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  standalone().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
