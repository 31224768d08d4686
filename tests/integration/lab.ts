import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

// The lab instance test.sh brought up (LAB_PREFIX, default "ndt": never the demo's).
export type LabInterface = { name: string; mac: string; mtu: number; addresses: string[]; segment: string };
export type LabHost = {
  name: string;
  namespace: string;
  hostname: string;
  address: string;
  port: number;
  username: string;
  interfaces: LabInterface[];
  roles: string[];
  hostKeyFingerprint: string;
  /** lab/README.md "Host profiles": lean (the 8 fault hosts) or a realistic one on segment D. */
  profile: string;
  loginShell: string;
  /** One line per shell started on the host (its rc files append it). */
  shellStartsPath: string;
  maxSessions: number;
};
export type Lab = {
  prefix: string;
  octet: number;
  clientKeyPath: string;
  faults: string[];
  /** The lean hosts on segments A-C, where the faults are. */
  hosts: LabHost[];
  /** One host per realistic profile on segment D (lab.sh up --profile-hosts), if started. */
  profileHosts: LabHost[];
};

const ROOT = path.resolve(__dirname, "../..");
export const LAB_PREFIX = process.env.LAB_PREFIX || "ndt";

export function readLab(): Lab {
  const file = path.join(ROOT, "lab/state", LAB_PREFIX, "lab.json");
  if (!fs.existsSync(file)) {
    throw new Error(`No lab at ${file}: run the suite with npm test (it starts the lab), or LAB_PREFIX=${LAB_PREFIX} npm run lab -- up`);
  }
  const lab = JSON.parse(fs.readFileSync(file, "utf8")) as Omit<Lab, "profileHosts">;
  const onD = (h: LabHost) => h.interfaces.every((i) => i.segment === "D");
  return { ...lab, hosts: lab.hosts.filter((h) => !onD(h)), profileHosts: lab.hosts.filter(onD) };
}

export function lab(...args: string[]): string {
  return execFileSync("bash", [path.join(ROOT, "lab/lab.sh"), ...args], {
    env: { ...process.env, LAB_PREFIX },
    encoding: "utf8",
  });
}

export function hostWithRole(l: Lab, role: string): LabHost {
  const h = l.hosts.find((x) => x.roles.includes(role));
  if (!h) throw new Error(`The lab has no host with role ${role}; faults on: ${l.faults.join(",")}`);
  return h;
}

export function labKey(l: Lab): string {
  return fs.readFileSync(l.clientKeyPath, "utf8");
}

/**
 * Integration files share one database and one lab, one file after another. Each starts
 * from no hosts, so hosts another file registered (replays, duplicates of the same lab
 * machines) never show up in this file's findings or probe plans.
 */
export async function startWithNoHosts(): Promise<void> {
  const { deleteHost, listHostIds } = await import("@/lib/queries/hosts");
  for (const id of await listHostIds()) await deleteHost(id);
}

/** A `hostile` profile host (lab/README.md "The hostile host"): its commands print what its mode says. */
export type HostileHost = LabHost & {
  modeFile: string;
  modes: string[];
  /** A real NIC of the host whose name is shell syntax (`;`, `$(...)`, `|`, backticks). */
  metacharInterface: string;
  /** What the host's kernel holds in mode `many`: interfaces (lo and eth0 included), permanent neighbor entries. */
  manyInterfaces: number;
  manyNeighbors: number;
};

/** lab.json lists hostile hosts apart from `hosts`, so no test meets one by accident. */
export function readHostileHosts(): HostileHost[] {
  const file = path.join(ROOT, "lab/state", LAB_PREFIX, "lab.json");
  const lab = JSON.parse(fs.readFileSync(file, "utf8")) as { hostileHosts?: HostileHost[] };
  return lab.hostileHosts ?? [];
}

/** Switches what the hostile host's commands print from its next command on. */
export function setHostileMode(h: HostileHost, mode: string): void {
  if (!h.modes.includes(mode)) throw new Error(`${h.name} has no hostile mode ${mode} (modes: ${h.modes.join(", ")})`);
  lab("hostile", h.name, mode);
}
