// ESXi in-host MTU: the chain vmnic -> vSwitch -> portgroup -> vmknic inside one host (from
// Run.topology, lib/collect/esxi/topology.ts). A vmknic at 9000 on a vSwitch at 1500 sends
// jumbo frames the vSwitch drops; a vmknic at 1500 on a 9000 vSwitch drops its jumbo-frame
// peers' big frames. Neither shows in a subnet-wide MTU comparison when every host in the
// subnet made the same mistake, and small packets (ping, vCenter's heartbeat) still pass.
import type { EsxiTopology, EsxiVmknic, EsxiVswitch } from "@/lib/domain/esxi-topology";
import { asEsxiTopology } from "@/lib/domain/esxi-topology";
import type { DetectedFinding, EvidenceRow } from "@/lib/domain/finding";
import type { AnalysisInput } from "./input";
import { machinesOf, type Machine } from "./machines";
import { cmd, fix } from "./fix-text";

type Chain = { machine: Machine; topology: EsxiTopology };

/** ESXi machines with a readable chain (one per box, however many times it is registered). */
export function esxiChains(input: AnalysisInput): Chain[] {
  return machinesOf(input).flatMap((machine) => {
    const topology = machine.host.platform === "esxi" ? asEsxiTopology(machine.host.topology) : null;
    return topology ? [{ machine, topology }] : [];
  });
}

function evidence(c: Chain, fields: EvidenceRow["fields"]): EvidenceRow {
  return { hostId: c.machine.host.id, hostName: c.machine.host.name, at: c.machine.host.latest.takenAt, source: "esxcli", fields };
}

function vlanOf(topology: EsxiTopology, portgroup: string | null): number | null {
  return topology.portgroups.find((p) => p.name === portgroup)?.vlanId ?? null;
}

function vmknicFinding(c: Chain, vmk: EsxiVmknic & { mtu: number }, sw: EsxiVswitch & { mtu: number }): DetectedFinding {
  const host = c.machine.label;
  const bigger = vmk.mtu > sw.mtu;
  const where = `${vmk.name}${vmk.portgroup ? ` (portgroup "${vmk.portgroup}")` : ""}`;
  return {
    kind: "mtu-mismatch",
    severity: bigger ? "critical" : "warning",
    key: `mtu-mismatch:esxi:${c.machine.hostIds[0]}:${vmk.name}`,
    hostIds: c.machine.hostIds,
    subject: { type: "interface", id: `${c.machine.hostIds[0]}/${vmk.name}`, label: `${host} ${vmk.name}` },
    title: `${host}: ${vmk.name} uses MTU ${vmk.mtu} on ${sw.name} at ${sw.mtu}`,
    explanation: bigger
      ? `Inside ESXi host ${host}, ${where} sends frames up to ${vmk.mtu} bytes, but its vSwitch ${sw.name} only carries ${sw.mtu}. ` +
        `The vSwitch drops every bigger frame without an error: ping and management traffic work, while vMotion, vSAN, NFS and iSCSI over ${vmk.name} stall or time out.`
      : `Inside ESXi host ${host}, ${where} is at ${vmk.mtu} while its vSwitch ${sw.name} carries ${sw.mtu}: the vSwitch (and probably the network) was set up for jumbo frames, the vmknic was not. ` +
        `Peers on that network sending frames bigger than ${vmk.mtu} to ${vmk.name} lose them, and ${vmk.name} gains nothing from the bigger MTU.`,
    fix: bigger
      ? [
          fix`Either lower ${vmk.name} to the vSwitch: ${cmd`esxcli network ip interface set -i ${vmk.name} -m ${sw.mtu}`}`,
          fix`or raise ${sw.name} (after every physical switch port on its uplinks ${sw.uplinks.join(", ") || "(none)"} carries jumbo frames): ${cmd`esxcli network vswitch standard set -v ${sw.name} -m ${vmk.mtu}`}.`,
          fix`Then prove the path: ${cmd`vmkping -I ${vmk.name} -d -s ${Math.min(vmk.mtu, sw.mtu) - 28} <peer>`}.`,
        ].join("\n")
      : [
          fix`Raise ${vmk.name} to the vSwitch: ${cmd`esxcli network ip interface set -i ${vmk.name} -m ${sw.mtu}`}, if its peers use ${sw.mtu};`,
          fix`otherwise lower ${sw.name} back: ${cmd`esxcli network vswitch standard set -v ${sw.name} -m ${vmk.mtu}`}.`,
          fix`Then prove the path: ${cmd`vmkping -I ${vmk.name} -d -s ${sw.mtu - 28} <peer>`}.`,
        ].join("\n"),
    evidence: [
      evidence(c, {
        vmknic: vmk.name,
        vmknicMtu: vmk.mtu,
        portgroup: vmk.portgroup,
        vlan: vlanOf(c.topology, vmk.portgroup),
        vswitch: sw.name,
        vswitchMtu: sw.mtu,
        uplinks: sw.uplinks.join(" "),
      }),
    ],
  };
}

function uplinkFinding(c: Chain, sw: EsxiVswitch & { mtu: number }, nic: { name: string; mtu: number }): DetectedFinding {
  const host = c.machine.label;
  return {
    kind: "mtu-mismatch",
    severity: "warning",
    key: `mtu-mismatch:esxi:${c.machine.hostIds[0]}:${nic.name}`,
    hostIds: c.machine.hostIds,
    subject: { type: "interface", id: `${c.machine.hostIds[0]}/${nic.name}`, label: `${host} ${nic.name}` },
    title: `${host}: uplink ${nic.name} is at MTU ${nic.mtu}, its vSwitch ${sw.name} at ${sw.mtu}`,
    explanation:
      `ESXi sets a vSwitch's MTU on its uplinks; ${nic.name} reports ${nic.mtu} while ${sw.name} is at ${sw.mtu}, so the NIC driver did not take it ` +
      `(or the NIC was added after the change). Frames between ${Math.min(nic.mtu, sw.mtu)} and ${Math.max(nic.mtu, sw.mtu)} bytes leave or enter through this uplink only partly.`,
    fix: fix`Set it again so ESXi pushes it to the uplinks: ${cmd`esxcli network vswitch standard set -v ${sw.name} -m ${sw.mtu}`}, then check \`esxcli network nic list\`. If ${nic.name} stays at ${nic.mtu}, its driver or firmware does not support ${sw.mtu}.`,
    evidence: [evidence(c, { vmnic: nic.name, vmnicMtu: nic.mtu, vswitch: sw.name, vswitchMtu: sw.mtu })],
  };
}

export function detectEsxiInHostMtu(input: AnalysisInput): DetectedFinding[] {
  const out: DetectedFinding[] = [];
  for (const c of esxiChains(input)) {
    const switches = new Map(c.topology.vswitches.map((s) => [s.name, s]));
    for (const vmk of c.topology.vmknics) {
      const sw = vmk.vswitch !== null ? switches.get(vmk.vswitch) : undefined;
      // A vmknic on a distributed switch (no standard vSwitch) or without known MTUs: nothing to compare.
      if (!sw || sw.mtu === null || vmk.mtu === null || vmk.mtu === sw.mtu) continue;
      out.push(vmknicFinding(c, { ...vmk, mtu: vmk.mtu }, { ...sw, mtu: sw.mtu }));
    }
    const nics = new Map(c.topology.vmnics.map((n) => [n.name, n]));
    for (const sw of c.topology.vswitches) {
      if (sw.mtu === null) continue;
      for (const uplink of sw.uplinks) {
        const nic = nics.get(uplink);
        if (!nic || nic.mtu === null || nic.mtu === sw.mtu) continue;
        out.push(uplinkFinding(c, { ...sw, mtu: sw.mtu }, { name: nic.name, mtu: nic.mtu }));
      }
    }
  }
  return out;
}
