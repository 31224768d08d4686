import { describe, expect, test } from "vitest";
import { parse as parseLinkSpeed } from "@/lib/collect/linux/link-speed";
import { readCapture } from "@/lib/collect/linux/test-fixtures";
import { detectLinkDuplex } from "./link-duplex";
import { detectLinkSpeed } from "./link-speed";
import { host, input, mac, nic, summary } from "./test-builders";

// Real ethtool outputs (tests/fixtures/linux) through the Linux parser into the detectors:
// each host alone on its subnet, so only the NIC's own word can find anything.
function alone(capture: string) {
  const row = parseLinkSpeed(`== eth0\n${readCapture(capture)}`).value.get("eth0")!;
  return input([
    host(1, [
      nic("eth0", mac(1), ["10.9.1.11/24"], {
        speedMbps: row.speedMbps,
        duplex: row.duplex,
        driver: row.driver,
        linkModes: row.linkModes,
        state: row.linkDetected === false ? "down" : "up",
      }),
    ]),
  ]);
}

describe("the NIC's own word, from real ethtool output", () => {
  test("a gigabit PHY at 100 Mbit/s while its partner advertises 1000baseT/Full (Cubox-i): a warning, with no look-alike host", () => {
    const found = detectLinkSpeed(alone("ethtool-1000baseT-at-100-partner-1000__lakml-cubox-i-20190917.txt"));
    expect(summary(found)).toEqual([["link-speed", "warning", "link-speed:1:eth0"]]);
    expect(found[0]!.title).toBe("h1 eth0 links at 100 Mbit/s although both ends advertise 1 Gbit/s");
    expect(String(found[0]!.evidence[0]!.fields.partnerAdvertises)).toContain("1000baseT/Full");
  });

  test("the same host at 1000 Mbit/s on another kernel: nothing", () => {
    expect(detectLinkSpeed(alone("ethtool-1000baseT-at-1000__lakml-cubox-i-20190917.txt"))).toEqual([]);
  });

  test("a gigabit r8169 whose partner offers only 100: an info, the port holds it back", () => {
    expect(summary(detectLinkSpeed(alone("ethtool-1000baseT-at-100-partner-100__hugo-blog-r8169-id30781901970.txt")))).toEqual([["link-speed", "info", "link-speed:1:eth0"]]);
  });

  test("a 2.5 GbE NIC at 1000 Mbit/s on a port that offers 1000baseT/Full at most: an info naming 2.5 Gbit/s", () => {
    const [f] = detectLinkSpeed(alone("ethtool-2500baseT-at-1000__adrielep-test-ganl1401.txt"));
    expect(f).toMatchObject({ severity: "info", title: "h1 eth0 could run at 2.5 Gbit/s, its link partner offers at most 1 Gbit/s" });
  });

  test("forced to 10 Mbit/s half duplex with autoneg off (3c509): a warning that says autonegotiation is off on this end", () => {
    const found = detectLinkDuplex(alone("ethtool-autoneg-off-10-half__lkml-3c509-20021007.txt"));
    expect(summary(found)).toEqual([["link-duplex", "warning", "link-duplex:1:eth0"]]);
    expect(found[0]!.explanation).toContain("with autonegotiation off on this end");
    expect(found[0]!.evidence[0]!.fields).toMatchObject({ autoneg: "off", advertised: "" });
  });

  test("a gigabit NIC forced to 100/half with no link (Mint forum): a port without link is not judged", () => {
    const forced = alone("ethtool-autoneg-off-forced-100-half__mint-forum-id56716248252.txt");
    expect(detectLinkDuplex(forced)).toEqual([]);
    expect(detectLinkSpeed(forced)).toEqual([]);
  });
});
