import { describe, expect, test } from "vitest";
import { LINK_SPEED_COMMAND, LINK_SPEED_SCRIPT, parse, type LinkSpeed } from "./link-speed";
import { readCapture, readOwn } from "./test-fixtures";
import { growth, LINEAR } from "@/lib/collect/common/test-linear";

const speed = (speedMbps: number | null, duplex: LinkSpeed["duplex"], driver: string | null, linkDetected: boolean | null) => ({
  speedMbps,
  duplex,
  driver,
  linkDetected,
});

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
      br0: speed(10000, null, "bridge", true),
      // loopback: ethtool prints only "Link detected"; `ethtool -i lo` fails
      lo: speed(null, null, null, true),
      mv0: speed(10000, null, "macvlan", true),
      "ndp-va": speed(10000, "full", "veth", true),
      "ndp-vc": speed(10000, "full", "veth", false),
      "ndp-vd": speed(10000, "full", "veth", false),
      vx0: speed(null, null, "vxlan", false),
    });
  });

  test("without ethtool: the sysfs fallback in ethtool's format", () => {
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
  test.each([
    ["ethtool__jc-generic-default1.txt", speed(1000, "full", null, true)],
    ["ethtool__jc-generic-default2.txt", speed(40000, "full", null, true)],
  ])("%s", (file, expected) => {
    const { value, skipped } = parse(`== eth0\n${readCapture(file)}`);
    expect(skipped).toEqual([]);
    expect(value.get("eth0")).toEqual(expected);
  });

  test("ethtool followed by ethtool -i (atlantic, indented as in the kernel docs)", () => {
    const out = `== eth0\n${readCapture("ethtool__jc-generic-default1.txt")}${readCapture("ethtool-i-atlantic__linux-doc-aquantia.txt")}`;
    const { value, skipped } = parse(out);
    expect(skipped).toEqual([]);
    expect(value.get("eth0")).toEqual(speed(1000, "full", "atlantic", true));
  });
});

describe("hostile output", () => {
  // The old FIELD regex, /…:[ \t]*(.*?)\s*$/, split the blanks between its three quantifiers
  // every way once a CR inside the line stopped `.` (cubic: 15 s for 4,000 characters).
  test("a field line of blanks and a CR is read in linear time, and reported", () => {
    const hostile = (n: number) => `== eth0\n\tSpeed:${" ".repeat(n)}\rx\n`;
    expect(growth(parse, hostile)).toBeLessThan(LINEAR);
    expect(parse(hostile(10)).skipped).toEqual([{ line: `\tSpeed:${" ".repeat(10)}\rx`, reason: "unrecognized speed" }]);
  });
});
