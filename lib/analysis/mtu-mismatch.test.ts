import { describe, expect, test } from "vitest";
import { detectMtuMismatch, segmentMtu } from "./mtu-mismatch";
import { dfProbe, host, input, mac, nic, summary } from "./test-builders";

const lan = (id: number, mtu: number, o = {}) => host(id, [nic("eth0", mac(id), [`10.9.1.${10 + id}/24`], { mtu })], o);

describe("passive MTU mismatch", () => {
  test.each([
    {
      name: "one host at 9000 on a 1500 subnet (the lab's jumbo)",
      hosts: [lan(1, 1500), lan(2, 1500), lan(3, 9000), lan(4, 1500)],
      expected: [["mtu-mismatch", "warning", "mtu-mismatch:10.9.1.0/24"]],
      hostIds: [3],
    },
    {
      name: "one host left at 1500 on a jumbo storage subnet",
      hosts: [lan(1, 9000), lan(2, 9000), lan(3, 1500)],
      expected: [["mtu-mismatch", "warning", "mtu-mismatch:10.9.1.0/24"]],
      hostIds: [3],
    },
    {
      name: "benign: different MTUs on different subnets (a jumbo storage VLAN next to the LAN)",
      hosts: [
        host(1, [nic("eth0", mac(1), ["10.9.1.11/24"]), nic("eth1", mac(11), ["10.9.50.11/24"], { mtu: 9000 })]),
        host(2, [nic("eth0", mac(2), ["10.9.1.12/24"]), nic("eth1", mac(12), ["10.9.50.12/24"], { mtu: 9000 })]),
      ],
      expected: [],
      hostIds: [],
    },
    {
      name: "benign: tunnels, host-local bridges, link-local and down interfaces don't form segments",
      hosts: [
        host(1, [
          nic("eth0", mac(1), ["10.9.1.11/24", "fe80::1/64"]),
          nic("wg0", null, ["10.99.0.1/24"], { kind: "wireguard", mtu: 1420 }),
          nic("docker0", mac(21), ["172.17.0.1/16"], { kind: "bridge", mtu: 1500 }),
        ]),
        host(2, [
          nic("eth0", mac(2), ["10.9.1.12/24", "fe80::2/64"]),
          nic("wg0", null, ["10.99.0.2/24"], { kind: "wireguard", mtu: 1380 }),
          nic("docker0", mac(22), ["172.17.0.1/16"], { kind: "bridge", mtu: 1450 }),
          nic("eth9", mac(29), ["10.9.1.99/24"], { mtu: 9000, state: "down" }),
        ]),
      ],
      expected: [],
      hostIds: [],
    },
    {
      name: "edge: a tie (one host each) names the larger MTU as the one to change",
      hosts: [lan(1, 1500), lan(2, 9000)],
      expected: [["mtu-mismatch", "warning", "mtu-mismatch:10.9.1.0/24"]],
      hostIds: [2],
    },
  ])("$name", ({ hosts, expected, hostIds }) => {
    const found = detectMtuMismatch(input(hosts));
    expect(summary(found)).toEqual(expected);
    if (found[0]) expect(found[0].hostIds).toEqual(hostIds);
  });

  test("lists every member and its MTU, and names the interface to change", () => {
    const [f] = detectMtuMismatch(input([lan(1, 1500), lan(2, 1500), lan(3, 9000)]));
    expect(f?.title).toBe("MTU mismatch on 10.9.1.0/24: h3 eth0 uses 9000, the others 1500");
    expect(f?.evidence.map((r) => [r.hostName, r.fields.interface, r.fields.mtu])).toEqual([
      ["h1", "eth0", 1500],
      ["h2", "eth0", 1500],
      ["h3", "eth0", 9000],
    ]);
    // The odd one and one member with the common MTU show the disagreement; h2 repeats h1.
    expect(f?.evidence.filter((r) => r.proves).map((r) => r.hostName)).toEqual(["h1", "h3"]);
    expect(f?.fix).toContain("h3 eth0: `ip link set dev eth0 mtu 1500`");
  });

  test("for ESXi the fix names the vSwitch, the portgroup and the vmknic", () => {
    const [f] = detectMtuMismatch(input([lan(1, 9000), lan(2, 9000), host(3, [nic("vmk1", mac(3), ["10.9.1.13/24"], { mtu: 1500, kind: "vmknic" })], { platform: "esxi" })]));
    expect(f?.fix).toMatch(/vSwitch.*portgroup.*vmknic/);
    expect(f?.fix).toContain("esxcli network ip interface set -i vmk1 -m 9000");
  });

  test.each([
    [[1500, 1500, 9000], 1500],
    [[9000, 9000, 1500], 9000],
    [[1500, 9000], 1500],
  ])("segment MTU of %j is %i", (mtus, want) => expect(segmentMtu(mtus)).toBe(want));
});

describe("passive MTU mismatch with its don't-fragment proof", () => {
  const probe = (from: number, to: number, fromMtu: number, toMtu: number, payloadBytes: number, ok: boolean) =>
    dfProbe({
      at: "2026-03-01T11:56:00.000Z",
      fromHostId: from,
      fromHostName: `h${from}`,
      toHostId: to,
      toHostName: `h${to}`,
      fromAddress: `10.9.1.${10 + from}`,
      toAddress: `10.9.1.${10 + to}`,
      subnet: "10.9.1.0/24",
      payloadBytes,
      expectedMtu: fromMtu,
      peerMtu: toMtu,
      ok,
    });
  const hosts = [lan(1, 1500), lan(2, 1500), lan(3, 9000)];
  const mtuProbes = [
    probe(3, 1, 9000, 1500, 8972, false),
    probe(3, 1, 9000, 1500, 1472, true),
    probe(3, 2, 9000, 1500, 8972, false),
    probe(3, 2, 9000, 1500, 1472, true),
    probe(1, 2, 1500, 1500, 1472, true),
  ];

  test("one finding for the odd host, with every peer's failed probe as evidence and the proof in words", () => {
    const found = detectMtuMismatch({ ...input(hosts), mtuProbes });
    expect(found).toHaveLength(1);
    const [f] = found;
    expect(f!.hostIds).toEqual([3]);
    expect(f!.explanation).toContain("Don't-fragment pings prove it: 9000-byte packets from h3 to 2 hosts never arrived (2 of 2 full-size probes lost).");
    expect(f!.evidence.filter((r) => r.source === "ping -M do").map((r) => `${r.fields.direction} ${r.fields.packetBytes} ${r.fields.result}`)).toEqual([
      "h3 → h1 9000 failed",
      "h3 → h1 1500 passed",
      "h3 → h2 9000 failed",
      "h3 → h2 1500 passed",
    ]);
    // One failed probe per pair is the proof; the smaller ones that passed are context
    expect(f!.evidence.filter((r) => r.source === "ping -M do" && r.proves).map((r) => `${r.fields.direction} ${r.fields.packetBytes}`)).toEqual([
      "h3 → h1 9000",
      "h3 → h2 9000",
    ]);
    // The peers' probes prove it: they are involved, not at fault
    expect(f!.involvedHostIds).toEqual([1, 2]);
  });

  test("probes sent with MTUs the hosts no longer have prove nothing", () => {
    const [f] = detectMtuMismatch({ ...input([lan(1, 1500), lan(2, 1500), lan(3, 9216)]), mtuProbes });
    expect(f!.evidence.filter((r) => r.source === "ping -M do")).toEqual([]);
    expect(f!.explanation).not.toContain("Don't-fragment");
  });
});
