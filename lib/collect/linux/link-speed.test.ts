import { describe, expect, test } from "vitest";
import type { LinkModes } from "@/lib/domain/rows";
import { LINK_SPEED_COMMAND, LINK_SPEED_SCRIPT, parse, type LinkSpeed } from "./link-speed";
import { readCapture, readOwn } from "./test-fixtures";
import { growth, LINEAR } from "@/lib/collect/common/test-linear";

const speed = (
  speedMbps: number | null,
  duplex: LinkSpeed["duplex"],
  driver: string | null,
  linkDetected: boolean | null,
  linkModes: LinkModes | null = null,
): LinkSpeed => ({ speedMbps, duplex, driver, linkDetected, linkModes });

// Virtual devices (bridge, veth, macvlan, vxlan) print both headings as "Not reported".
const NONE_REPORTED: LinkModes = { supported: [], advertised: [], partner: null, autoneg: false };
const TO_100_FULL = ["10baseT/Half", "10baseT/Full", "100baseT/Half", "100baseT/Full"];
const TO_1000_FULL = [...TO_100_FULL, "1000baseT/Full"];

/** One interface of ethtool output as the script prints it: its "== <ifname>" header, then ethtool's own lines. */
const asEth0 = (...captures: string[]) => parse(`== eth0\n${captures.map(readCapture).join("")}`);

describe("link-speed command", () => {
  test("is one fixed single-line sh -c program that single quotes can wrap", () => {
    expect(LINK_SPEED_SCRIPT).not.toMatch(/['\n]/);
    expect(LINK_SPEED_COMMAND).toBe(`sh -c '${LINK_SPEED_SCRIPT}'`);
  });
});

describe("link-speed output, captured in the ndp- lab namespace", () => {
  test("with ethtool: speed, duplex, link and driver (from ethtool -i) per interface", () => {
    const { value, skipped } = parse(readOwn("link-speed-ethtool.txt"));
    expect(skipped).toEqual([]);
    expect(Object.fromEntries(value)).toEqual({
      // the bridge reports a speed but "Duplex: Unknown! (255)"
      br0: speed(10000, null, "bridge", true, NONE_REPORTED),
      // loopback: ethtool prints only "Link detected" (no mode headings); `ethtool -i lo` fails
      lo: speed(null, null, null, true),
      mv0: speed(10000, null, "macvlan", true, NONE_REPORTED),
      "ndp-va": speed(10000, "full", "veth", true, NONE_REPORTED),
      "ndp-vc": speed(10000, "full", "veth", false, NONE_REPORTED),
      "ndp-vd": speed(10000, "full", "veth", false, NONE_REPORTED),
      vx0: speed(null, null, "vxlan", false, NONE_REPORTED),
    });
  });

  test("without ethtool: the sysfs fallback in ethtool's format (sysfs has no link modes)", () => {
    const { value, skipped } = parse(readOwn("link-speed-sysfs.txt"));
    expect(skipped).toEqual([]);
    expect(Object.fromEntries(value)).toEqual({
      br0: speed(10000, null, null, true),
      // sysfs speed is -1 on loopback; reading it fails with EINVAL on an interface that is down
      lo: speed(null, null, null, true),
      mv0: speed(10000, null, null, true),
      "ndp-va": speed(10000, "full", null, true),
      "ndp-vc": speed(10000, "full", null, false),
      // virtual devices have no device/driver link, and carrier cannot be read while down
      "ndp-vd": speed(null, null, null, null),
      vx0: speed(null, null, null, null),
    });
  });

  test("without ethtool, a device-backed NIC gets its driver from device/driver (VM's root namespace)", () => {
    const { value, skipped } = parse(readOwn("link-speed-sysfs-root-ns.txt"));
    expect(skipped).toEqual([]);
    expect(value.get("eth0")).toEqual(speed(null, null, "virtio_net", true));
    expect(value.get("ifb0")).toEqual(speed(null, null, null, null));
  });

  test("unexpected values are skipped with a reason, the rest kept", () => {
    const out = "Speed: 10000Mb/s\n== eth0\n\tSpeed: fast\n\tDuplex: Full\n\tLink detected: maybe\n";
    const { value, skipped } = parse(out);
    expect(value.get("eth0")).toEqual(speed(null, "full", null, null));
    expect(skipped.map((s) => s.reason)).toEqual([
      "field before any '== <ifname>' header",
      "unrecognized speed",
      "unrecognized link state",
    ]);
  });
});

describe("captures from public sources (tests/fixtures)", () => {
  // The snippet prints "== <ifname>" and then ethtool's own output, as reproduced here.
  test.each<[string, LinkSpeed]>([
    // no partner heading: the driver does not read the partner's page
    [
      "ethtool__jc-generic-default1.txt",
      speed(1000, "full", null, true, { supported: TO_1000_FULL, advertised: TO_1000_FULL, partner: null, autoneg: true }),
    ],
    // continuation lines indented with spaces; fibre modes kept in ethtool's own (not sorted) order
    [
      "ethtool__jc-generic-default2.txt",
      speed(40000, "full", null, true, {
        supported: ["10000baseKX4/Full", "40000baseCR4/Full", "40000baseSR4/Full", "56000baseCR4/Full", "56000baseSR4/Full", "1000baseX/Full", "10000baseCR/Full", "10000baseSR/Full"],
        advertised: ["10000baseKX4/Full", "40000baseCR4/Full", "40000baseSR4/Full", "1000baseX/Full", "10000baseCR/Full", "10000baseSR/Full"],
        partner: null,
        autoneg: false,
      }),
    ],
  ])("%s", (file, expected) => {
    const { value, skipped } = asEth0(file);
    expect(skipped).toEqual([]);
    expect(value.get("eth0")).toEqual(expected);
  });

  test("ethtool followed by ethtool -i (atlantic, indented as in the kernel docs)", () => {
    const { value, skipped } = asEth0("ethtool__jc-generic-default1.txt", "ethtool-i-atlantic__linux-doc-aquantia.txt");
    expect(skipped).toEqual([]);
    expect(value.get("eth0")).toMatchObject({ speedMbps: 1000, driver: "atlantic", linkModes: { partner: null } });
  });
});

describe("link modes: why a link runs below what the NIC can do (tests/fixtures)", () => {
  test("gigabit PHY at 100 Mb/s although both ends advertise 1000baseT/Full (Cubox-i, fec + AR8035)", () => {
    const { value, skipped } = asEth0("ethtool-1000baseT-at-100-partner-1000__lakml-cubox-i-20190917.txt");
    expect(skipped).toEqual([]);
    expect(value.get("eth0")).toEqual(
      speed(100, "full", null, true, { supported: TO_1000_FULL, advertised: TO_1000_FULL, partner: TO_1000_FULL, autoneg: true }),
    );
  });

  test("the same host and partner at 1000 Mb/s on another kernel: identical modes, 8-space indentation", () => {
    const { value, skipped } = asEth0("ethtool-1000baseT-at-1000__lakml-cubox-i-20190917.txt");
    expect(skipped).toEqual([]);
    expect(value.get("eth0")).toEqual(
      speed(1000, "full", null, true, { supported: TO_1000_FULL, advertised: TO_1000_FULL, partner: TO_1000_FULL, autoneg: true }),
    );
  });

  test("gigabit r8169 at 100 Mb/s because the partner advertises only 10/100; ethtool -i after it gives the driver", () => {
    // Trailing spaces after each mode line (older ethtool) are not part of the modes.
    const { value, skipped } = asEth0(
      "ethtool-1000baseT-at-100-partner-100__hugo-blog-r8169-id30781901970.txt",
      "ethtool-i-r8169__hugo-blog-id30781901970.txt",
    );
    expect(skipped).toEqual([]);
    expect(value.get("eth0")).toEqual(
      speed(100, "full", "r8169", true, { supported: TO_1000_FULL, advertised: TO_1000_FULL, partner: TO_100_FULL, autoneg: true }),
    );
  });

  test("2.5 GbE NIC at 1000 Mb/s: the partner's best mode is 1000baseT/Full", () => {
    const { value, skipped } = asEth0("ethtool-2500baseT-at-1000__adrielep-test-ganl1401.txt");
    expect(skipped).toEqual([]);
    const modes = value.get("eth0")?.linkModes;
    expect(value.get("eth0")).toMatchObject({ speedMbps: 1000, duplex: "full", linkDetected: true });
    expect(modes).toEqual({
      supported: [...TO_1000_FULL, "2500baseT/Full"],
      advertised: [...TO_1000_FULL, "2500baseT/Full"],
      partner: [...TO_100_FULL, "1000baseT/Half", "1000baseT/Full"],
      autoneg: true,
    });
  });

  test("autonegotiation off, 10 Mb/s half duplex (3c509, 2002 ethtool): advertised 'Not reported' is an empty list", () => {
    const { value, skipped } = asEth0("ethtool-autoneg-off-10-half__lkml-3c509-20021007.txt");
    expect(skipped).toEqual([]);
    expect(value.get("eth0")).toEqual(
      speed(10, "half", null, true, { supported: ["10baseT/Half", "10baseT/Full"], advertised: [], partner: null, autoneg: false }),
    );
  });

  test("gigabit NIC forced to 100 Mb/s half duplex with autonegotiation off, no link", () => {
    const { value, skipped } = asEth0("ethtool-autoneg-off-forced-100-half__mint-forum-id56716248252.txt");
    expect(skipped).toEqual([]);
    expect(value.get("eth0")).toEqual(
      speed(100, "half", null, false, {
        supported: [...TO_100_FULL, "1000baseT/Half", "1000baseT/Full"],
        advertised: [],
        partner: null,
        autoneg: false,
      }),
    );
  });
});

describe("link modes: edge cases (derived from the Cubox-i capture)", () => {
  const cubox = readCapture("ethtool-1000baseT-at-100-partner-1000__lakml-cubox-i-20190917.txt");

  test("a partner heading of 'Not reported' is an empty list, not a missing one", () => {
    const out = cubox.replace(
      /Link partner advertised link modes: {2}10baseT\/Half 10baseT\/Full\n\t {37}100baseT\/Half 100baseT\/Full\n\t {37}1000baseT\/Full\n/,
      "Link partner advertised link modes:  Not reported\n",
    );
    expect(out).not.toBe(cubox);
    const { value, skipped } = parse(`== eth0\n${out}`);
    expect(skipped).toEqual([]);
    expect(value.get("eth0")?.linkModes?.partner).toEqual([]);
  });

  test("a mode printed twice is kept once, in its first place", () => {
    // Not something ethtool prints; a repeated word (a mangled line) must still not count twice.
    const out = cubox.replace("\t                        1000baseT/Full\n\tSupported pause", "\t                        1000baseT/Full 10baseT/Full\n\tSupported pause");
    expect(out).not.toBe(cubox);
    const { value } = parse(`== eth0\n${out}`);
    expect(value.get("eth0")?.linkModes?.supported).toEqual(TO_1000_FULL);
  });

  test("a word that is no link mode is reported, the modes around it kept", () => {
    // The first such line is the supported list's.
    const out = cubox.replace("\t                        100baseT/Half 100baseT/Full\n", "\t                        100baseT/Half bogus 100baseT/Full\n");
    expect(out).not.toBe(cubox);
    const { value, skipped } = parse(`== eth0\n${out}`);
    expect(value.get("eth0")?.linkModes?.supported).toEqual(TO_1000_FULL);
    expect(skipped).toEqual([{ line: "\t                        100baseT/Half bogus 100baseT/Full", reason: "not a link mode: 'bogus'" }]);
  });

  test("an indented line after another field is not taken for a mode (Current message level's own continuation)", () => {
    const out = `${cubox}\tCurrent message level: 0x00000007 (7)\n\t\t\t       drv probe link\n`;
    const { value, skipped } = parse(`== eth0\n${out}`);
    expect(skipped).toEqual([]);
    expect(value.get("eth0")?.linkModes?.partner).toEqual(TO_1000_FULL);
  });

  test("an Auto-negotiation value other than on/off is reported and left unknown", () => {
    const { value, skipped } = parse(`== eth0\n${cubox.replace("Auto-negotiation: on", "Auto-negotiation: maybe")}`);
    expect(value.get("eth0")?.linkModes?.autoneg).toBeNull();
    expect(skipped.map((s) => s.reason)).toEqual(["unrecognized auto-negotiation state"]);
  });

  test("two interfaces: the modes of one never leak into the next", () => {
    const { value } = parse(`== eth0\n${cubox}== lo\nSettings for lo:\n\tLink detected: yes\n`);
    expect(value.get("eth0")?.linkModes?.partner).toEqual(TO_1000_FULL);
    expect(value.get("lo")).toEqual(speed(null, null, null, true));
  });
});

describe("hostile output", () => {
  test("link-mode continuation lines, many short ones or one long one, are read in linear time", () => {
    const manyLines = (n: number) => `== eth0\n\tSupported link modes:   10baseT/Half\n${"\t                        1000baseT/Full\n".repeat(n / 40)}`;
    const oneLine = (n: number) => `== eth0\n\tAdvertised link modes:  ${"1000baseT/Full ".repeat(n / 15)}x\n`;
    const blanks = (n: number) => `== eth0\n\tSupported link modes:${" ".repeat(n)}\rx\n\t${" ".repeat(n)}\r\n`;
    for (const hostile of [manyLines, oneLine, blanks]) expect(growth(parse, hostile)).toBeLessThan(LINEAR);
  });

  test("a list longer than any ethtool prints is cut, and says so once", () => {
    const modes = Array.from({ length: 300 }, (_, i) => `${i + 1}baseT/Full`).join(" ");
    const { value, skipped } = parse(`== eth0\n\tSupported link modes:   ${modes}\n`);
    expect(value.get("eth0")?.linkModes?.supported).toHaveLength(256);
    expect(skipped.map((s) => s.reason)).toEqual(["more than 256 link modes: the rest are not read"]);
  });

  // The old FIELD regex, /…:[ \t]*(.*?)\s*$/, split the blanks between its three quantifiers
  // every way once a CR inside the line stopped `.` (cubic: 15 s for 4,000 characters).
  test("a field line of blanks and a CR is read in linear time, and reported", () => {
    const hostile = (n: number) => `== eth0\n\tSpeed:${" ".repeat(n)}\rx\n`;
    expect(growth(parse, hostile)).toBeLessThan(LINEAR);
    expect(parse(hostile(10)).skipped).toEqual([{ line: `\tSpeed:${" ".repeat(10)}\rx`, reason: "unrecognized speed" }]);
  });
});
