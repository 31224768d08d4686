import fs from "node:fs";
import path from "node:path";

// The lab instance npm test started (LAB_PREFIX=ndt); the e2e server reaches it over real SSH.
type LabHost = { name: string; address: string; port: number; username: string; hostname: string; roles: string[]; interfaces: { name: string; mac: string; mtu: number; addresses: string[]; segment: string }[] };
/** hosts: the lean hosts on segments A-C (the faults); the realistic profile hosts of segment D are left out. */
export type Lab = { clientKeyPath: string; hosts: LabHost[] };

export function readLab(): Lab {
  const prefix = process.env.LAB_PREFIX || "ndt";
  const file = path.resolve(__dirname, "../lab/state", prefix, "lab.json");
  if (!fs.existsSync(file)) throw new Error(`No lab at ${file}: npm test starts it (or LAB_PREFIX=${prefix} npm run lab -- up)`);
  const lab = JSON.parse(fs.readFileSync(file, "utf8")) as Lab;
  return { ...lab, hosts: lab.hosts.filter((h) => !h.interfaces.every((i) => i.segment === "D")) };
}
