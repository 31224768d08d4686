// Words for detector 1 (duplicate-mac.ts): title, explanation and fix per case.
import type { DetectedFinding, Severity } from "@/lib/domain/finding";
import { addressWords, describeNic, listSome, listWords, type Nic } from "./machines";
import type { VirtualMacKind } from "./mac";
import { cmd, fix } from "./fix-text";
import type { Sighting } from "./neighbors";
import { ipKey } from "./net";

export type MacCase = {
  mac: string;
  severity: Severity;
  /** ipKey → the sightings of that address with this MAC */
  ips: Map<string, Sighting[]>;
  /** ipKey → the collected NICs holding that address */
  owners: Map<string, Nic[]>;
  /** Distinct logical NICs involved: those with this MAC and those holding the addresses. */
  parties: Nic[];
  macNics: Nic[];
  sightings: Sighting[];
} & (
  | { type: "virtual"; virtual: VirtualMacKind }
  /** No collected host holds it, and one observer reaches it through several interfaces. */
  | { type: "networks"; networks: Sighting[] }
  | { type: "shared" | "secondary" | "router" | "foreign" | "leftover" | "unknown" }
);

type Text = Pick<DetectedFinding, "title" | "explanation" | "fix">;

const ipList = (c: MacCase) =>
  [...c.ips.values()]
    .flatMap((g) => (g[0] ? [g[0]] : []))
    .sort((a, b) => a.ip.family - b.ip.family || (a.ip.value < b.ip.value ? -1 : a.ip.value > b.ip.value ? 1 : 0))
    .map((s) => s.row.ip);
const observers = (c: MacCase) => listSome([...new Set(c.sightings.map((s) => s.machine.label))].sort());

/**
 * The observers whose own table shows this MAC for two or more of the addresses: the view that
 * proves the fault (the seed story: only another host's neighbor table showed it).
 */
export function seersOf(c: Pick<MacCase, "sightings" | "ips">): Sighting[][] {
  const byObserver = new Map<string, Sighting[]>();
  for (const s of c.sightings) {
    if (!c.ips.has(ipKeyOf(s))) continue;
    const k = s.machine.label;
    byObserver.set(k, [...(byObserver.get(k) ?? []), s]);
  }
  return [...byObserver.values()].filter((g) => new Set(g.map(ipKeyOf)).size >= 2).sort((a, b) => a[0]!.machine.label.localeCompare(b[0]!.machine.label));
}
const ipKeyOf = (s: Sighting) => ipKey(s.ip);

/** "and h6 resolves both 10.0.1.15 and 10.0.10.15 to it (4 other hosts see one of them)" */
function resolvedBy(c: MacCase): string {
  const seers = seersOf(c);
  const all = new Set(c.sightings.map((s) => s.machine.label));
  if (seers.length === 0) return c.ips.size > 0 ? `, and ${observers(c)} resolve ${listWords(ipList(c))} to it` : "";
  const names = seers.map((g) => g[0]!.machine.label);
  const seen = [...new Set(seers.flatMap((g) => g.map((s) => s.row.ip)))];
  const others = all.size - names.length;
  return (
    `, and ${listSome(names)} ${names.length === 1 ? "resolves" : "resolve"} ${seen.length === 2 ? "both " : ""}${listWords(seen)} to it` +
    (others > 0 ? ` (${others} other ${others === 1 ? "host sees" : "hosts see"} only one of them)` : "")
  );
}

export function esxiMacFix(host: string): string {
  return (
    fix`On ESXi ${host}: a vmknic keeps the MAC it was created with, even after the physical NIC behind it was swapped. ` +
    "Either run `esxcfg-advcfg -s 1 /Net/FollowHardwareMac` and reboot, so vmknics take their uplink's hardware MAC, " +
    "or remove and recreate the vmknic (`esxcli network ip interface remove -i vmkN`, then `esxcli network ip interface add -i vmkN -p <portgroup>` " +
    "and set its address again) so it gets a fresh MAC."
  );
}

/**
 * What the NICs' own hardware addresses (permaddr, hwaddr) say about the shared MAC: whose it
 * really is, and the command that gives each other NIC its own back. Empty when unknown.
 */
function hardwareWords(c: MacCase): { explanation: string; fix: string[] } {
  const users = c.parties.filter((n) => n.mac === c.mac);
  const known = users.filter((n) => n.iface.permanentMac);
  if (known.length === 0) return { explanation: "", fix: [] };
  const owner = known.find((n) => n.iface.permanentMac === c.mac);
  const borrowers = known.filter((n) => n !== owner && n.iface.permanentMac !== c.mac);
  const explanation = owner
    ? ` ${c.mac} is ${describeNic(owner)}'s own hardware address; ${listWords(borrowers.map((n) => `${describeNic(n)} (hardware address ${n.iface.permanentMac})`))} ${borrowers.length === 1 ? "uses" : "use"} it as well.`
    : ` It is the hardware address of none of them (${listWords(known.map((n) => `${describeNic(n)}'s own is ${n.iface.permanentMac}`))}): a MAC set by hand, cloned, or left over from a NIC that was replaced.`;
  const fixes = borrowers.flatMap((n) => {
    const own = n.iface.permanentMac ?? "";
    const platform = n.machine.host.platform;
    // ESXi gets its own fix (esxiMacFix); other platforms have no command netdiag is sure of.
    const command =
      platform === "linux"
        ? cmd`ip link set dev ${n.iface.name} address ${own}`
        : platform === "freebsd" || platform === "darwin"
          ? cmd`ifconfig ${n.iface.name} ether ${own}`
          : null;
    return command === null ? [] : [fix`Give ${describeNic(n)} its own address back: ${command} on ${n.machine.label}, and remove the MAC override from its network config.`];
  });
  return { explanation, fix: fixes };
}

function sharedText(c: MacCase): Text {
  const sameMac = c.macNics.length >= 2;
  const names = listWords(c.parties.map(describeNic));
  // Where the NIC holding an address has a MAC of its own, name it; where it has this very MAC
  // (the fault), calling it "its own" on one line and another NIC's on the next reads wrong.
  const shouldAnswer = [...c.owners.entries()]
    .filter(([, o]) => o.length > 0)
    .map(([k, o]) => fix`${c.ips.get(k)?.[0]?.row.ip ?? k} belongs to ${listWords(o.map((n) => (n.mac && n.mac !== c.mac ? `${describeNic(n)} (its own MAC ${n.mac})` : describeNic(n))))}`);
  const perNic = c.parties
    .filter((n) => n.mac === c.mac)
    .map((n) => `${describeNic(n)} (${addressWords(n.iface) || "no address"})`);
  const esxi = [...new Set(c.parties.filter((n) => n.machine.host.platform === "esxi").map((n) => n.machine.label))];
  const hardware = hardwareWords(c);
  const lines = [
    ...shouldAnswer.map((l) => `${l}.`),
    ...hardware.fix,
    "Give every interface its own MAC address" +
      (perNic.length > 1 ? fix`; ${listWords(perNic)} ${perNic.length === 2 ? "both" : "all"} use ${c.mac}` : "") +
      ".",
    "On Linux: `ip link set dev <if> address <new unique MAC>` (a locally administered one such as 02:xx:…), and make it permanent in the interface config (systemd-networkd `MACAddress=`, netplan `macaddress:`, NetworkManager `ethernet.cloned-mac-address`).",
    "A cloned VM keeps its MAC unless the hypervisor gives it a new one: regenerate the MAC in the VM's NIC settings.",
    ...esxi.map(esxiMacFix),
  ].join("\n");
  return {
    title: sameMac ? `MAC ${c.mac} is used by ${names}` : `MAC ${c.mac} answers for addresses of ${names}`,
    explanation:
      `One MAC address must belong to exactly one interface, but ${c.mac} ${sameMac ? "is configured on" : "answers for addresses held by"} ${names}` +
      resolvedBy(c) +
      "." +
      hardware.explanation +
      " Switches learn the MAC on one port at a time and neighbors cache it for every address, so traffic meant for one interface reaches the other, flaps between ports, or is lost.",
    fix: lines,
  };
}

export function duplicateMacText(c: MacCase): Text {
  const ips = listWords(ipList(c));
  switch (c.type) {
    case "shared":
      return sharedText(c);
    case "virtual":
      return {
        title: `${c.virtual} virtual MAC ${c.mac} answers for ${ips || "several interfaces"}`,
        explanation: `${c.mac} is a ${c.virtual} virtual router MAC: the routers of a redundancy group share it by design, so one MAC for several addresses or boxes is expected.`,
        fix: "Nothing to fix. If these addresses should not belong to the same redundancy group, check the group number (VRID/group) on the routers.",
      };
    case "secondary": {
      const nic = c.parties[0] as Nic;
      return {
        title: `${describeNic(nic)} holds ${ips} (secondary addresses)`,
        explanation: `${describeNic(nic)} has all of ${ips} configured, so neighbors see its MAC ${c.mac} for each of them. Several addresses on one interface share its MAC; this is expected.`,
        fix: "Nothing to fix.",
      };
    }
    case "router":
      return {
        title: `Router MAC ${c.mac} answers for ${ips}`,
        explanation: `${c.mac} answers for ${ips}, and it behaves like a router: it answers for addresses outside the asking host's subnet (proxy ARP), sits at the subnet's first or last address, or announces itself as a router. A router answering for several addresses is normal.`,
        fix: "Nothing to fix if that router is meant to answer for these addresses. If not, turn proxy ARP off on it (Linux: `sysctl net.ipv4.conf.<if>.proxy_arp=0`).",
      };
    case "foreign": {
      const nic = c.parties[0] as Nic;
      return {
        title: `MAC ${c.mac} answers for ${ips}, not all of them held by ${describeNic(nic)}`,
        explanation: `${observers(c)} resolve ${ips} to ${c.mac}, but ${describeNic(nic)} (MAC ${nic.mac ?? "unknown"}) holds only ${addressWords(nic.iface) || "no routable address"}. Either that host answers for addresses it doesn't hold (proxy ARP), or another device uses its MAC or its address, or an address moved recently and the old entry has not expired yet.`,
        fix: fix`Check ${describeNic(nic)} for proxy ARP (${cmd`sysctl net.ipv4.conf.${sysctlName(nic.iface.name)}.proxy_arp`}) and look up ${c.mac} in the switch's MAC table to find which port answers. If an address moved on purpose, the entry expires by itself.`,
      };
    }
    case "leftover": {
      const nic = c.parties[0] as Nic;
      return {
        title: `Old neighbor entries: ${ips} point to ${describeNic(nic)}`,
        explanation: `${observers(c)} still resolve ${ips} to ${c.mac}, but ${describeNic(nic)} (MAC ${nic.mac ?? "unknown"}) holds ${addressWords(nic.iface) || "none of them"}, and none of these entries was confirmed lately. They are most likely cached from before an address was removed or a NIC was replaced; they expire by themselves.`,
        fix: fix`Nothing to fix. To clear them now: \`ip neigh flush to <address>\` on ${observers(c)}. If a confirmed (REACHABLE) entry shows up for them later, this becomes a warning.`,
      };
    }
    case "networks": {
      const observer = c.networks[0]?.machine.label ?? "a host";
      const where = listWords(c.networks.map((s) => `${s.row.ip} on ${s.row.interface ?? "?"}`));
      return {
        title: `MAC ${c.mac} answers on ${c.networks.length === 2 ? "two" : c.networks.length} networks: ${listWords(c.networks.map((s) => s.row.ip))}`,
        explanation:
          `${observer} resolves ${where} to the same MAC ${c.mac}, so one MAC answers on ${c.networks.length} of its networks, and no collected host has that MAC. ` +
          "A router or a host with VLAN interfaces on a trunk does this on purpose (VLAN interfaces share their parent's MAC). " +
          "An ESXi host never should: each vmknic has its own MAC, and when two vmknics answer with one (vmk0 kept the MAC of a NIC that was swapped or moved to another vSwitch), " +
          "switches learn that MAC on one port at a time, so one network's traffic lands on the other interface and sessions to the host drop.",
        fix: [
          fix`Find the device: look up ${c.mac} in the switch's MAC table (${cmd`show mac address-table address ${c.mac}`}), and add it to netdiag so its interfaces can be compared.`,
          esxiMacFix(`host ${c.networks.map((s) => s.row.ip).join("/")}`),
          "If it is a router or a host with VLAN interfaces on a trunk, nothing is wrong: mute this finding.",
        ].join("\n"),
      };
    }
    case "unknown":
      return {
        title: `Unknown device ${c.mac} answers for ${ips}`,
        explanation: `${observers(c)} resolve ${ips} to the same MAC ${c.mac}, and no collected host has that MAC. It can be one device with several addresses, a device that changed its address recently (the old entry lingers until it expires), or two devices with the same MAC (a cloned VM), which breaks both.`,
        fix: fix`Find the device: look up ${c.mac} in the switch's MAC table (${cmd`show mac address-table address ${c.mac}`}) or your DHCP server's leases. If it is one device with several addresses, nothing is wrong: mute this finding. If two devices share the MAC, give one of them a new MAC.`,
      };
  }
}

/** sysctl reads dots as separators: a VLAN interface eth0.10 is written eth0/10 in a key. */
function sysctlName(iface: string): string {
  return iface.replaceAll(".", "/");
}
