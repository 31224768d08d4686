// Pure: which server address the client should connect to. Preferred: an address of the
// server on a subnet the client also has an address in (so the test measures the direct
// path, not a detour through a router), IPv4 before IPv6, the server's SSH address first
// when it is one of them. Otherwise the server's SSH address when it is an IP literal
// (a routed path), else none.
import { inSubnet, isLinkLocal, isLoopback, networkOf, parseCidr, parseIp } from "@/lib/analysis/net";
import { canonicalIp } from "./command";

export type NicAddresses = { name: string; addresses: string[] };

export type AddressChoice =
  | { address: string; how: "shared-subnet"; subnet: string; serverInterface: string; clientInterface: string }
  | { address: string; how: "ssh-address"; subnet: null; serverInterface: string | null; clientInterface: null }
  | { address: null; how: "none"; subnet: null; serverInterface: null; clientInterface: null };

export function chooseServerAddress(client: NicAddresses[], server: NicAddresses[], serverSshAddress: string): AddressChoice {
  const clientCidrs = client.flatMap((n) => n.addresses.map((a) => ({ nic: n.name, cidr: parseCidr(a) })));
  const candidates: { address: string; family: 4 | 6; subnet: string; serverInterface: string; clientInterface: string }[] = [];
  for (const nic of server) {
    for (const a of nic.addresses) {
      const c = parseCidr(a);
      if (!c || isLoopback(c) || isLinkLocal(c)) continue;
      const peer = clientCidrs.find((x) => x.cidr && !isLoopback(x.cidr) && inSubnet(x.cidr, c));
      const address = canonicalIp(c.address);
      if (!peer || !address) continue;
      candidates.push({ address, family: c.family, subnet: networkOf(c), serverInterface: nic.name, clientInterface: peer.nic });
    }
  }
  const ssh = canonicalIp(serverSshAddress);
  candidates.sort((x, y) => x.family - y.family || Number(y.address === ssh) - Number(x.address === ssh));
  const best = candidates[0];
  if (best) {
    const { address, subnet, serverInterface, clientInterface } = best;
    return { address, how: "shared-subnet", subnet, serverInterface, clientInterface };
  }
  if (ssh && parseIp(ssh)) {
    const nic = server.find((n) => n.addresses.some((a) => canonicalIp(a.split("/")[0] ?? "") === ssh));
    return { address: ssh, how: "ssh-address", subnet: null, serverInterface: nic?.name ?? null, clientInterface: null };
  }
  return { address: null, how: "none", subnet: null, serverInterface: null, clientInterface: null };
}
