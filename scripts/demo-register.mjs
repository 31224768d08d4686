// Registers every lab host through netdiag's own API (as a user's script would), then
// collects them all and prints one line per host.
import fs from "node:fs";
import { connect } from "./api-client.mjs";

const [base, labFile] = process.argv.slice(2);
const lab = JSON.parse(fs.readFileSync(labFile, "utf8"));
const privateKey = fs.readFileSync(lab.clientKeyPath, "utf8");
const call = await connect(base, process.env.NETDIAG_ADMIN_USER, process.env.NETDIAG_ADMIN_PASSWORD);

for (const h of lab.hosts) {
  const { status, data } = await call("POST", "/api/hosts", {
    name: h.name,
    address: h.address,
    port: h.port,
    username: h.username,
    privateKey,
  });
  if (status === 201) console.log(`  added ${h.name} (${h.address})`);
  else if (status === 409) console.log(`  ${h.name} is already registered`);
  else throw new Error(`adding ${h.name} failed: ${status} ${JSON.stringify(data)}`);
}

const { data } = await call("POST", "/api/collect");
const { data: hosts } = await call("GET", "/api/hosts");
const names = new Map(hosts.items.map((h) => [h.id, h.name]));
for (const run of data.runs) {
  const name = names.get(run.hostId) ?? run.hostId;
  console.log(`  ${String(name).padEnd(10)} ${run.status}${run.error ? `: ${run.error}` : ""}`);
}

// The jumbo pair's DF pings start with its first collection by themselves. The 9000-MTU host
// among 1500 ones is found by comparing MTUs; "Verify MTU" adds the pings that prove it.
const ids = new Map(hosts.items.map((h) => [h.name, h.id]));
for (const h of lab.hosts.filter((x) => x.roles.includes("jumbo"))) {
  const { status, data: probe } = await call("POST", `/api/hosts/${ids.get(h.name)}/verify-mtu`);
  if (status !== 200) throw new Error(`verify MTU on ${h.name}: ${status} ${JSON.stringify(probe)}`);
  const failedProbes = probe.probes.filter((p) => !p.ok).length;
  console.log(`  MTU probes from/to ${h.name}: ${probe.probes.length}, ${failedProbes} failed`);
}

// Both iperf3 directions against the shaped host: the asymmetry story.
const shaped = lab.hosts.find((x) => x.roles.includes("shaped"));
const peer = lab.hosts.find((x) => x.roles.length === 0);
if (shaped && peer) {
  const { status, data: run } = await call("POST", "/api/iperf/runs", {
    clientHostId: ids.get(peer.name),
    serverHostId: ids.get(shaped.name),
    durationSec: 5,
    parallel: 1,
    protocol: "tcp",
    direction: "both",
  });
  if (status !== 201) throw new Error(`starting iperf3: ${status} ${JSON.stringify(run)}`);
  let done = run;
  while (["queued", "running"].includes(done.status)) {
    await new Promise((r) => setTimeout(r, 1000)); // polling a running test, not synchronising code
    done = (await call("GET", `/api/iperf/runs/${run.id}`)).data;
  }
  const mbps = (d) => (d?.bitsPerSecond ? `${Math.round(d.bitsPerSecond / 1e6)} Mbit/s` : "n/a");
  console.log(`  iperf3 ${peer.name} -> ${shaped.name}: ${mbps(done.forward)}, back: ${mbps(done.reverse)} (${done.status})`);
}

// What to look for: the planted faults, in words, and the page that shows each.
const url = (p) => `${base.replace(/\/$/, "")}${p}`;
const idOf = (role) => ids.get(lab.hosts.find((x) => x.roles.includes(role))?.name);
const guide = [];
if (lab.faults.includes("dupmac"))
  guide.push([`One MAC answering for two IPs on two networks (a NIC swap that left an old MAC behind): ${lab.faultDetails.dupmac.owner}, seen in ${lab.faultDetails.dupmac.observer}'s neighbor table`, url(`/hosts/${idOf("dupmac-owner")}#findings`)]);
if (lab.faults.includes("jumbo"))
  guide.push([`Jumbo frames on one side only: ${lab.faultDetails.jumbo.host} ${lab.faultDetails.jumbo.interface} at MTU ${lab.faultDetails.jumbo.mtu}, everyone else at 1500`, url(`/hosts/${idOf("jumbo")}#findings`)]);
if (lab.faults.includes("jumbopair"))
  guide.push([`A bridge that drops jumbo frames between two 9000-MTU hosts (${lab.faultDetails.jumbopair.hosts.join(" and ")}), found by don't-fragment pings nobody had to start`, url("/findings?severity=critical")]);
if (lab.faults.includes("shaped") && shaped && peer)
  guide.push([`RX/TX asymmetry: ${shaped.name} sends at ~300 Mbit/s but receives at line rate; the speed test above shows both directions side by side`, url(`/iperf/history?client=${ids.get(peer.name)}&server=${ids.get(shaped.name)}`)]);
if (lab.faults.includes("secip"))
  guide.push([`A look-alike that is not a fault: ${lab.faultDetails.secip.host} holds two addresses on one NIC (an info, not a warning)`, url(`/hosts/${idOf("secondary-ip")}#findings`)]);
if (guide.length > 0) {
  console.log("\n  The lab's planted faults, and where netdiag shows them:");
  for (const [what, where] of guide) console.log(`  - ${what}\n      ${where}`);
  console.log(`  Everything at once: ${url("/findings")}`);
}
