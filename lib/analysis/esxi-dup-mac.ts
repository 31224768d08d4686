// ESXi's own MAC cases, from the vmnic/vmknic chain (lib/collect/esxi/topology.ts):
// - vmk0 takes the MAC of the first physical NIC at install time and keeps it: sharing a MAC
//   with an uplink vmnic is normal (the vmnic is an uplink port, it never answers ARP itself).
// - After that NIC is swapped, vmk0 still uses the old NIC's MAC; when the old NIC goes into
//   another server, two hosts answer with one MAC. ESXi only re-reads hardware MACs with
//   /Net/FollowHardwareMac set (VMware KB 1031111).
// - Two vmknics with one MAC (a host cloned from an image, a vmknic recreated by a script that
//   set the MAC) break both.
// The generic detector (duplicate-mac.ts) sees two vmknics with addresses and one MAC too, under
// the same key, and its text calls esxiMacFix; this one adds what only the chain shows.
import type { EsxiTopology, EsxiVmknic } from "@/lib/domain/esxi-topology";
import type { DetectedFinding, EvidenceRow } from "@/lib/domain/finding";
import type { AnalysisInput } from "./input";
import { esxiChains } from "./esxi-mtu";
import { isStationMac } from "./mac";
import { proving } from "./evidence";
import { cmd, fix, raw } from "./fix-text";

/** VMware's OUIs: MACs ESXi generates for vmknics and VMs, never a physical NIC's. */
const VMWARE_OUI = /^(00:50:56|00:0c:29|00:05:69|00:1c:14)/;

export type EsxiMacCase =
  /** several vmknics of this host use the MAC */
  | { type: "vmknics-share"; vmknics: string[] }
  /** a vmknic uses the MAC of one of this host's current NICs (vmk0 at install): normal */
  | { type: "follows-nic"; vmknic: string; vmnic: string }
  /** a vmknic uses a physical-looking MAC no NIC of this host has any more */
  | { type: "stale-hardware"; vmknic: string }
  /** a VMware-generated vmknic MAC, or not a vmknic MAC of this host at all */
  | { type: "generated" | "none" };

/** What a MAC is on this ESXi host; pure, for the generic duplicate-MAC text as well. */
export function classifyEsxiMac(topology: EsxiTopology, mac: string): EsxiMacCase {
  const vmks = topology.vmknics.filter((k) => k.mac === mac);
  if (vmks.length >= 2) return { type: "vmknics-share", vmknics: vmks.map((k) => k.name) };
  const [vmk] = vmks;
  if (!vmk) return { type: "none" };
  const nic = topology.vmnics.find((n) => n.mac === mac);
  if (nic) return { type: "follows-nic", vmknic: vmk.name, vmnic: nic.name };
  // Without a NIC list nothing can be said about "no longer in this host".
  if (VMWARE_OUI.test(mac) || topology.vmnics.length === 0) return { type: "generated" };
  return { type: "stale-hardware", vmknic: vmk.name };
}

/** Concrete commands for one vmknic: follow the hardware MAC, or recreate it with a fresh MAC. */
export function esxiVmknicMacFix(host: string, vmk: Pick<EsxiVmknic, "name" | "portgroup" | "addresses">): string {
  const pg = vmk.portgroup ?? raw("<portgroup>");
  const v4 = vmk.addresses.find((a) => !a.includes(":"));
  const [ip, prefix] = v4 ? v4.split("/") : [];
  // The prefix sits inside a placeholder the reader replaces, so only digits may go there.
  const netmask = raw(`<netmask for /${prefix !== undefined && /^\d{1,2}$/.test(prefix) ? prefix : "?"}>`);
  return [
    fix`On ESXi ${host}, either let vmknics follow their uplink's hardware MAC: \`esxcfg-advcfg -s 1 /Net/FollowHardwareMac\`, then reboot the host;`,
    fix`or recreate ${vmk.name} so it gets a fresh MAC (from the console or iLO/iDRAC if it carries management):`,
    fix`${cmd`esxcli network ip interface remove -i ${vmk.name}`}, ${cmd`esxcli network ip interface add -i ${vmk.name} -p ${pg}`},`,
    fix`${cmd`esxcli network ip interface ipv4 set -i ${vmk.name} -t static -I ${ip ?? raw("<ip>")} -N ${netmask}`}, and re-enable its services (vMotion, vSAN, management tags).`,
  ].join("\n");
}

function row(input: { hostId: number; hostName: string; at: string }, vmk: EsxiVmknic): EvidenceRow {
  return {
    hostId: input.hostId,
    hostName: input.hostName,
    at: input.at,
    source: "esxcli",
    fields: { vmknic: vmk.name, mac: vmk.mac, portgroup: vmk.portgroup, vswitch: vmk.vswitch, addresses: vmk.addresses.join(" ") },
  };
}

export function detectEsxiVmknicMac(input: AnalysisInput): DetectedFinding[] {
  const out: DetectedFinding[] = [];
  for (const { machine, topology } of esxiChains(input)) {
    const at = { hostId: machine.host.id, hostName: machine.host.name, at: machine.host.latest.takenAt };
    const host = machine.label;
    const macs = [...new Set(topology.vmknics.flatMap((k) => (k.mac && isStationMac(k.mac) ? [k.mac] : [])))].sort();
    for (const mac of macs) {
      const c = classifyEsxiMac(topology, mac);
      const vmks = topology.vmknics.filter((k) => k.mac === mac);
      const [first] = vmks;
      if (!first) continue;
      if (c.type === "vmknics-share") {
        out.push({
          kind: "duplicate-mac",
          severity: "critical",
          key: `duplicate-mac:${mac}`,
          hostIds: machine.hostIds,
          subject: { type: "mac", id: mac, label: `MAC ${mac}` },
          title: `${host}: ${c.vmknics.join(" and ")} share MAC ${mac}`,
          explanation:
            `On ESXi ${host}, ${c.vmknics.join(" and ")} all use ${mac}. Neighbors resolve each vmknic's address to the same MAC and the physical switch learns it ` +
            `on one port at a time, so traffic for one vmknic reaches the other or flaps between uplinks: vMotion, vSAN and NFS over them fail intermittently.`,
          fix: vmks.slice(1).map((k) => esxiVmknicMacFix(host, k)).join("\n"),
          evidence: vmks.map((k) => proving(row(at, k))),
        });
      } else if (c.type === "stale-hardware") {
        out.push({
          kind: "duplicate-mac",
          severity: "warning",
          key: `duplicate-mac:${mac}`,
          hostIds: machine.hostIds,
          subject: { type: "mac", id: mac, label: `MAC ${mac}` },
          title: `${host}: ${c.vmknic} uses hardware MAC ${mac}, which no NIC of this host has`,
          explanation:
            `${c.vmknic} on ESXi ${host} uses ${mac}, a physical NIC's MAC, but none of the host's NICs (${topology.vmnics.map((n) => `${n.name} ${n.mac ?? "?"}`).join(", ")}) has it. ` +
            `ESXi gives vmk0 the first NIC's MAC at install and keeps it after that NIC is replaced; when the old NIC is reused in another machine, both answer with ${mac}.`,
          fix: esxiVmknicMacFix(host, first),
          // Every row proves it: that none of the NICs has the MAC takes all of them.
          evidence: [row(at, first), ...topology.vmnics.map((n): EvidenceRow => ({ ...row(at, first), fields: { vmnic: n.name, mac: n.mac } }))].map(proving),
        });
      }
    }
  }
  return out;
}
