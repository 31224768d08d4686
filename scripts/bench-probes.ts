// DF-probe part of `npm run bench`: how many don't-fragment pings netdiag sends by itself per
// day on the bench lab, with the policy the server uses (lib/mtu/plan.ts dueJumboProbes: a
// pair whose both ends are above MTU 1500, on first sight and then every
// NETDIAG_DF_PROBE_INTERVAL_HOURS), simulated over one day of five-minute collections of every
// host. Printed for the lab as it is and for the same hosts with jumbo frames on some or all.
//   node --import tsx scripts/bench-probes.ts lab/state/<prefix>/lab.json
import fs from "node:fs";
import { dueJumboProbes, probePathKey, type PlanHost } from "@/lib/mtu/plan";

type LabHost = { name: string; interfaces: { name: string; mtu: number; addresses: string[] }[] };
const lab = JSON.parse(fs.readFileSync(process.argv[2] as string, "utf8")) as { hosts: LabHost[] };
const INTERVAL_H = Number(process.env.NETDIAG_DF_PROBE_INTERVAL_HOURS ?? 24);
const CADENCE_MIN = 5;

function hostsWithJumbo(count: number): PlanHost[] {
  return lab.hosts.map((h, i) => ({
    id: i + 1,
    name: h.name,
    platform: "linux",
    interfaces: h.interfaces.map((nic) => ({ name: nic.name, mtu: i < count && nic.name === "eth0" ? 9000 : nic.mtu, state: "up", addresses: nic.addresses })),
  }));
}

/** Probes sent in the second simulated day (the first one holds the first-sight batch). */
function probesPerDay(hosts: PlanHost[]): { firstDay: number; perDay: number; planningMs: number } {
  const lastAt = new Map<string, number>();
  const counts = [0, 0];
  const t0 = performance.now();
  for (let day = 0; day < 2; day++) {
    for (let tick = 0; tick < (24 * 60) / CADENCE_MIN; tick++) {
      const now = (day * 24 * 60 + tick * CADENCE_MIN) * 60_000;
      for (const h of hosts) {
        const due = dueJumboProbes(hosts, h.id, lastAt, now, INTERVAL_H * 3_600_000);
        for (const p of due) lastAt.set(probePathKey(p), now);
        counts[day]! += due.length;
      }
    }
  }
  const collections = 2 * ((24 * 60) / CADENCE_MIN) * hosts.length;
  return { firstDay: counts[0]!, perDay: counts[1]!, planningMs: (performance.now() - t0) / collections };
}

const n = lab.hosts.length;
console.log(`\nDF probes netdiag sends by itself, ${n} hosts collected every ${CADENCE_MIN} min, re-proven every ${INTERVAL_H} h`);
console.log(`${"".padEnd(40)} ${"first day".padStart(10)} ${"per day".padStart(10)} ${"per year".padStart(10)} ${"planning/collection".padStart(20)}`);
for (const [label, jumbo] of [
  ["this lab as it is", 0],
  ["10 hosts at 9000 on one segment", Math.min(10, n)],
  [`all ${n} hosts at 9000 on one segment`, n],
] as const) {
  const r = probesPerDay(hostsWithJumbo(jumbo));
  console.log(
    `${label.padEnd(40)} ${r.firstDay.toLocaleString("en").padStart(10)} ${r.perDay.toLocaleString("en").padStart(10)} ${(r.perDay * 365).toLocaleString("en").padStart(10)} ${`${r.planningMs.toFixed(2)} ms`.padStart(20)}`,
  );
}
console.log("(each probe is one `ping -c 3` of 3 packets; pairs where one end is at 1500 are not probed by themselves: comparing MTUs finds them)");
