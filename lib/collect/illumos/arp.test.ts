import { describe, expect, test } from "vitest";
import { readCapture } from "@/lib/collect/common/test-fixtures";
import { parse } from "./arp";

describe("arp -an (Solaris/illumos Net to Media Table)", () => {
  test("chef/ohai Solaris capture: mostly empty Flags, SP (published: this host's) and SM (multicast mapping)", () => {
    const { value, skipped } = parse(readCapture("illumos/arp-an-solaris__chef-ohai.txt"));
    expect(skipped).toEqual([]);
    expect(value).toHaveLength(16);
    expect(value[0]).toEqual({ ip: "172.31.4.1", mac: "00:14:69:81:0b:c0", interface: "rtls0", state: "reachable", router: false });
    expect(value.find((n) => n.ip === "172.31.4.103")).toEqual({ ip: "172.31.4.103", mac: "52:54:00:7f:22:e7", interface: "rtls0", state: "permanent", router: false });
    expect(value.at(-1)).toEqual({ ip: "224.0.0.0", mac: "01:00:5e:00:00:00", interface: "rtls0", state: "noarp", router: false });
    // the same MAC for two addresses, as captured (a host with two addresses, or a moved one)
    expect(value.filter((n) => n.mac === "52:54:00:2d:93:0c").map((n) => n.ip)).toEqual(["172.31.4.126", "172.31.4.82"]);
  });

  test("an unresolved entry and a broken row", () => {
    const out = readCapture("illumos/arp-an-solaris__chef-ohai.txt")
      .replace("rtls0  172.31.4.44          255.255.255.255       00:0c:29:c4:9a:11", "rtls0  172.31.4.44          255.255.255.255 U                    ")
      .replace("rtls0  172.31.4.81 ", "rtls0  not-an-ip   ");
    const { value, skipped } = parse(out);
    expect(value.find((n) => n.ip === "172.31.4.44")).toMatchObject({ mac: null, state: "incomplete" });
    expect(skipped).toHaveLength(1);
  });
});
