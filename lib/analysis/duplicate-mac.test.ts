import { describe, expect, test } from "vitest";
import { detectDuplicateMac } from "./duplicate-mac";
import { host, input, mac, neigh, nic, summary } from "./test-builders";

const M = mac(5);

describe("one MAC, several IPs", () => {
  test.each([
    {
      name: "two NICs of one host share a MAC on two segments, seen by a dual-homed host (the lab's dupmac)",
      hosts: [
        host(5, [nic("eth0", M, ["10.9.1.15/24"]), nic("eth1", M, ["10.9.10.15/24"])]),
        host(6, [nic("eth0", mac(6), ["10.9.1.16/24"]), nic("eth1", mac(7), ["10.9.10.16/24"])], {
          neighbors: [neigh("10.9.1.15", M, "eth0", "stale"), neigh("10.9.10.15", M, "eth1", "stale")],
        }),
      ],
      expected: [["duplicate-mac", "critical", `duplicate-mac:${M}`]],
      hostIds: [5],
    },
    {
      name: "a cloned VM kept its MAC: two hosts, same MAC, before any neighbor table shows it",
      hosts: [host(1, [nic("ens18", M, ["192.168.1.21/24"])]), host(2, [nic("ens18", M, ["192.168.1.22/24"])], { hostname: "clone" })],
      expected: [["duplicate-mac", "critical", `duplicate-mac:${M}`]],
      hostIds: [1, 2],
    },
    {
      name: "one host's NIC MAC answers for another host's address",
      hosts: [
        host(1, [nic("eth0", M, ["192.168.1.21/24"])]),
        host(2, [nic("eth0", mac(2), ["192.168.1.22/24"])]),
        host(3, [nic("eth0", mac(3), ["192.168.1.23/24"])], { neighbors: [neigh("192.168.1.21", M), neigh("192.168.1.22", M)] }),
      ],
      expected: [["duplicate-mac", "critical", `duplicate-mac:${M}`]],
      hostIds: [1, 2],
    },
    {
      name: "benign: secondary addresses on one NIC are info",
      hosts: [
        host(2, [nic("eth0", M, ["10.9.1.12/24", "10.9.1.102/24"])]),
        host(3, [nic("eth0", mac(3), ["10.9.1.13/24"])], { neighbors: [neigh("10.9.1.12", M, "eth0", "stale"), neigh("10.9.1.102", M)] }),
      ],
      expected: [["duplicate-mac", "info", `duplicate-mac:${M}`]],
      hostIds: [2],
    },
    {
      name: "benign: a bridge and its port, a VLAN and its parent, bond slaves share MACs by design",
      hosts: [
        host(1, [
          nic("br0", M, ["10.9.1.11/24"], { kind: "bridge" }),
          nic("eno1", M, []),
          nic("eno1.20", M, ["10.9.20.11/24"], { kind: "vlan" }),
          nic("bond0", mac(9), ["10.9.30.11/24"], { kind: "bond" }),
          nic("enp1s0", mac(9), []),
          nic("enp2s0", mac(9), []),
        ]),
        host(2, [nic("eth0", mac(2), ["10.9.1.12/24"])], { neighbors: [neigh("10.9.1.11", M)] }),
      ],
      expected: [],
      hostIds: [],
    },
    {
      name: "benign: the same box registered twice (by IP and by name) is one machine",
      hosts: [host(1, [nic("eth0", M, ["10.9.1.11/24"])], { hostname: "nas" }), host(7, [nic("eth0", M, ["10.9.1.11/24"])], { hostname: "nas" })],
      expected: [],
      hostIds: [],
    },
    {
      name: "benign: a VRRP virtual MAC answering for two gateway addresses is info",
      hosts: [
        host(1, [nic("eth0", mac(1), ["10.9.1.11/24", "10.9.2.11/24"])], {
          neighbors: [neigh("10.9.1.1", "00:00:5e:00:01:0a"), neigh("10.9.2.1", "00:00:5e:00:01:0a")],
        }),
      ],
      expected: [["duplicate-mac", "info", "duplicate-mac:00:00:5e:00:01:0a"]],
      hostIds: [1],
    },
    {
      name: "benign: the gateway answering for off-subnet addresses (proxy ARP) is info",
      hosts: [
        host(1, [nic("eth0", mac(1), ["10.9.1.11/24"])], {
          neighbors: [neigh("10.9.1.1", "02:aa:00:00:00:01"), neigh("172.16.5.9", "02:aa:00:00:00:01"), neigh("172.16.5.10", "02:aa:00:00:00:01")],
        }),
      ],
      expected: [["duplicate-mac", "info", "duplicate-mac:02:aa:00:00:00:01"]],
      hostIds: [1],
    },
    {
      name: "benign: an unknown dual-stack device with several IPv6 addresses is not flagged",
      hosts: [
        host(1, [nic("eth0", mac(1), ["10.9.1.11/24", "2001:db8::11/64"])], {
          neighbors: [neigh("10.9.1.50", "02:bb:00:00:00:01"), neigh("2001:db8::50", "02:bb:00:00:00:01"), neigh("2001:db8::a:b:c:d", "02:bb:00:00:00:01")],
        }),
      ],
      expected: [],
      hostIds: [],
    },
    {
      name: "benign: an address was removed from a host, a neighbor's STALE entry still points at it (info)",
      hosts: [
        host(2, [nic("eth0", M, ["10.9.1.12/24"])]),
        host(3, [nic("eth0", mac(3), ["10.9.1.13/24"])], { neighbors: [neigh("10.9.1.12", M, "eth0", "stale"), neigh("10.9.1.102", M, "eth0", "stale")] }),
      ],
      expected: [["duplicate-mac", "info", `duplicate-mac:${M}`]],
      hostIds: [2],
    },
    {
      name: "a collected host's MAC answers (confirmed) for an address it does not hold: warning",
      hosts: [
        host(2, [nic("eth0", M, ["10.9.1.12/24"])]),
        host(3, [nic("eth0", mac(3), ["10.9.1.13/24"])], { neighbors: [neigh("10.9.1.12", M, "eth0", "stale"), neigh("10.9.1.102", M, "eth0", "reachable")] }),
      ],
      expected: [["duplicate-mac", "warning", `duplicate-mac:${M}`]],
      hostIds: [2],
    },
    {
      name: "an unknown device answering for two IPv4 addresses is a warning",
      hosts: [
        host(1, [nic("eth0", mac(1), ["10.9.1.11/24"])], { neighbors: [neigh("10.9.1.50", "02:bb:00:00:00:01"), neigh("10.9.1.51", "02:bb:00:00:00:01", "eth0", "stale")] }),
      ],
      expected: [["duplicate-mac", "warning", "duplicate-mac:02:bb:00:00:00:01"]],
      hostIds: [1],
    },
    {
      name: "an unknown device answering on two of the observer's networks is a warning (the uncollected ESXi host)",
      hosts: [
        host(1, [nic("eth0", mac(1), ["10.9.1.11/24"]), nic("eth1", mac(2), ["10.9.10.11/24"])], {
          neighbors: [neigh("10.9.1.50", "3c:97:0e:00:00:01", "eth0"), neigh("10.9.10.50", "3c:97:0e:00:00:01", "eth1")],
        }),
      ],
      expected: [["duplicate-mac", "warning", "duplicate-mac:3c:97:0e:00:00:01"]],
      hostIds: [1],
    },
    {
      name: "edge: FAILED entries, multicast and all-zero MACs, and neighbor tables older than a day are ignored",
      hosts: [
        host(1, [nic("eth0", mac(1), ["10.9.1.11/24"]), nic("lo", "00:00:00:00:00:00", ["127.0.0.1/8"], { kind: "loopback" }), nic("wg0", null, ["10.99.0.1/24"], { kind: "wireguard" })], {
          neighbors: [
            neigh("10.9.1.60", null, "eth0", "failed"),
            neigh("10.9.1.61", null, "eth0", "incomplete"),
            neigh("224.0.0.251", "01:00:5e:00:00:fb", "eth0", "noarp"),
            neigh("224.0.0.22", "01:00:5e:00:00:fb", "eth0", "noarp"),
          ],
        }),
        host(2, [nic("eth0", mac(2), ["10.9.1.12/24"]), nic("lo", "00:00:00:00:00:00", ["127.0.0.1/8"], { kind: "loopback" })], {
          takenAt: "2026-02-27T10:00:00.000Z",
          neighbors: [neigh("10.9.1.70", "02:cc:00:00:00:01"), neigh("10.9.1.71", "02:cc:00:00:00:01")],
        }),
      ],
      expected: [],
      hostIds: [],
    },
  ])("$name", ({ hosts, expected, hostIds }) => {
    const found = detectDuplicateMac(input(hosts));
    expect(summary(found)).toEqual(expected);
    if (found[0]) expect(found[0].hostIds).toEqual(hostIds);
  });

  test("the critical finding names both interfaces, never calls the shared MAC either one's own, and marks the table that shows it", () => {
    const [f] = detectDuplicateMac(
      input([
        host(5, [nic("eth0", M, ["10.9.1.15/24"]), nic("eth1", M, ["10.9.10.15/24"])]),
        host(6, [nic("eth0", mac(6), ["10.9.1.16/24"]), nic("eth1", mac(7), ["10.9.10.16/24"])], {
          neighbors: [neigh("10.9.1.15", M, "eth0"), neigh("10.9.10.15", M, "eth1")],
        }),
      ]),
    );
    expect(f?.title).toBe(`MAC ${M} is used by h5 eth0 and h5 eth1`);
    expect(f?.fix).toContain("10.9.1.15 belongs to h5 eth0.");
    expect(f?.fix).toContain("10.9.10.15 belongs to h5 eth1.");
    expect(f?.fix).not.toContain("(its own MAC");
    expect(f?.fix).not.toContain("FollowHardwareMac");
    // Only h6 sees both addresses: it is named, involved (not at fault), and its rows say so.
    expect(f?.explanation).toContain("and h6 resolves both 10.9.1.15 and 10.9.10.15 to it.");
    expect(f?.hostIds).toEqual([5]);
    expect(f?.involvedHostIds).toEqual([6]);
    expect(f?.evidence.filter((r) => r.fields.shows === "one MAC for 2 addresses").map((r) => r.fields.ip)).toEqual(["10.9.1.15", "10.9.10.15"]);
    expect(f?.evidence.map((r) => [r.hostName, r.source, r.fields.interface, r.fields.ip ?? null])).toEqual([
      ["h5", "interface", "eth0", null],
      ["h5", "interface", "eth1", null],
      ["h6", "neighbor table", "eth0", "10.9.1.15"],
      ["h6", "neighbor table", "eth1", "10.9.10.15"],
    ]);
    expect(f?.evidence.every((r) => r.at === "2026-03-01T11:55:00.000Z")).toBe(true);
  });

  test("observers that see only one of the addresses are counted, not named as proof", () => {
    const [f] = detectDuplicateMac(
      input([
        host(5, [nic("eth0", M, ["10.9.1.15/24"]), nic("eth1", M, ["10.9.10.15/24"])]),
        host(6, [nic("eth0", mac(6), ["10.9.1.16/24"]), nic("eth1", mac(7), ["10.9.10.16/24"])], {
          neighbors: [neigh("10.9.1.15", M, "eth0"), neigh("10.9.10.15", M, "eth1")],
        }),
        host(1, [nic("eth0", mac(1), ["10.9.1.11/24"])], { neighbors: [neigh("10.9.1.15", M, "eth0")] }),
        host(2, [nic("eth0", mac(2), ["10.9.1.12/24"])], { neighbors: [neigh("10.9.1.15", M, "eth0")] }),
      ]),
    );
    expect(f?.explanation).toContain("and h6 resolves both 10.9.1.15 and 10.9.10.15 to it (2 other hosts see only one of them).");
    expect(f?.involvedHostIds).toEqual([6]);
    expect(f?.evidence.filter((r) => r.fields.shows !== undefined).map((r) => r.hostName)).toEqual(["h6", "h6"]);
    // The proof: the two NICs that carry the MAC and h6's two rows; h1's and h2's are context.
    expect(f?.evidence.filter((r) => r.proves).map((r) => `${r.hostName} ${r.source} ${r.fields.ip ?? r.fields.interface}`)).toEqual([
      "h5 interface eth0",
      "h5 interface eth1",
      "h6 neighbor table 10.9.1.15",
      "h6 neighbor table 10.9.10.15",
    ]);
    expect(f?.evidence.filter((r) => !r.proves).map((r) => r.hostName)).toEqual(["h1", "h2"]);
  });

  test("one MAC on two networks of an observer, held by no collected host: named as such, with the ESXi fix among the causes", () => {
    const X = "3c:97:0e:00:00:01";
    const [f] = detectDuplicateMac(
      input([
        host(1, [nic("eth0", mac(1), ["10.9.1.11/24"]), nic("eth1", mac(2), ["10.9.10.11/24"])], {
          neighbors: [neigh("10.9.10.50", X, "eth1"), neigh("10.9.1.50", X, "eth0"), neigh("10.9.1.51", X, "eth0", "stale")],
        }),
      ]),
    );
    expect(f?.title).toBe(`MAC ${X} answers on two networks: 10.9.1.50 and 10.9.10.50`);
    expect(f?.explanation).toContain(`h1 resolves 10.9.1.50 on eth0 and 10.9.10.50 on eth1 to the same MAC ${X}`);
    expect(f?.fix).toContain("esxcfg-advcfg -s 1 /Net/FollowHardwareMac");
    expect(f?.fix).toContain("mute this finding");
    // one sighting per address on the same interface stays an unknown device, not two networks
    const [same] = detectDuplicateMac(input([host(1, [nic("eth0", mac(1), ["10.9.1.11/24"])], { neighbors: [neigh("10.9.1.50", X), neigh("10.9.1.51", X)] })]));
    expect(same?.title).toBe(`Unknown device ${X} answers for 10.9.1.50 and 10.9.1.51`);
  });

  test("an ESXi vmknic that kept an old NIC's MAC gets the FollowHardwareMac fix", () => {
    const [f] = detectDuplicateMac(
      input([
        host(1, [nic("vmk0", M, ["10.9.1.31/24"], { kind: "vmknic" }), nic("vmk1", M, ["10.9.50.31/24"], { kind: "vmknic" })], { platform: "esxi" }),
      ]),
    );
    expect(f?.severity).toBe("critical");
    expect(f?.fix).toContain("esxcfg-advcfg -s 1 /Net/FollowHardwareMac");
    expect(f?.fix).toContain("esxcli network ip interface remove -i vmkN");
  });
});

describe("the NICs' own hardware addresses (permaddr)", () => {
  const M = "02:00:00:00:00:05";
  test("one NIC borrowed the other's hardware address: named, with the command that gives it its own back", () => {
    const [f] = detectDuplicateMac(
      input([
        host(5, [nic("eth0", M, ["10.9.1.15/24"], { permanentMac: M }), nic("eth1", M, ["10.9.10.15/24"], { permanentMac: "00:1b:21:aa:bb:cc" })]),
      ]),
    );
    expect(f?.explanation).toContain(`${M} is h5 eth0's own hardware address; h5 eth1 (hardware address 00:1b:21:aa:bb:cc) uses it as well.`);
    expect(f?.fix).toContain("Give h5 eth1 its own address back: `ip link set dev eth1 address 00:1b:21:aa:bb:cc` on h5");
  });

  test("a MAC that is neither NIC's hardware address is called what it is", () => {
    const [f] = detectDuplicateMac(
      input([host(5, [nic("eth0", M, ["10.9.1.15/24"], { permanentMac: "00:1b:21:00:00:01" }), nic("eth1", M, ["10.9.10.15/24"], { permanentMac: "00:1b:21:00:00:02" })])]),
    );
    expect(f?.explanation).toContain("It is the hardware address of none of them (h5 eth0's own is 00:1b:21:00:00:01 and h5 eth1's own is 00:1b:21:00:00:02)");
    expect(f?.fix).toContain("`ip link set dev eth0 address 00:1b:21:00:00:01`");
    expect(f?.fix).toContain("`ip link set dev eth1 address 00:1b:21:00:00:02`");
    // FreeBSD (hwaddr) gets its own command
    const [bsd] = detectDuplicateMac(
      input([host(5, [nic("em0", M, ["10.9.1.15/24"], { permanentMac: "00:1b:21:00:00:01" }), nic("em1", M, ["10.9.10.15/24"], { permanentMac: "00:1b:21:00:00:02" })], { platform: "freebsd" })]),
    );
    expect(bsd?.fix).toContain("`ifconfig em1 ether 00:1b:21:00:00:02`");
    expect(bsd?.fix).not.toContain("ip link set dev em");
  });
});
