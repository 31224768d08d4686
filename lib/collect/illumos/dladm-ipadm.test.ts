import { describe, expect, test } from "vitest";
import { readCapture } from "@/lib/collect/common/test-fixtures";
import * as dladm from "./dladm";
import * as ipadm from "./ipadm";

describe("dladm and ipadm", () => {
  test.each([
    ["illumos/dladm-show-link-vnic__smartos-docs-nfs.txt", [{ link: "nfs0", class: "vnic", mtu: 1500, state: "up", over: "e1000g1" }]],
    [
      "illumos/dladm-show-link-xde-vnic__oxide-opte-xde-readme.txt",
      [
        { link: "vioif0", class: "phys", mtu: 1500, state: "up", over: null },
        { link: "vioif1", class: "phys", mtu: 1500, state: "up", over: null },
        { link: "xde0", class: "xde", mtu: 1500, state: "up", over: null },
        { link: "vnic0", class: "vnic", mtu: 1500, state: "up", over: "xde0" },
      ],
    ],
  ])("dladm show-link %s", (file, expected) => {
    expect(dladm.parseShowLink(readCapture(file))).toEqual({ value: expected, skipped: [] });
  });

  test("dladm show-phys -m: primary MAC per physical link", () => {
    expect(dladm.parseShowPhysM(readCapture("illumos/dladm-show-phys-m__oxide-helios-engvm.txt"))).toEqual({
      value: [
        { link: "bge0", mac: "a0:42:3f:42:91:50" },
        { link: "bge1", mac: "a0:42:3f:42:91:51" },
      ],
      skipped: [],
    });
  });

  test("dladm show-vnic: unpadded MAC, speed in Mb/s, VID 0 = untagged", () => {
    expect(dladm.parseShowVnic(readCapture("illumos/dladm-show-vnic__smartos-docs-nfs.txt"))).toEqual({
      value: [{ link: "nfs0", over: "e1000g1", speedMbps: 1000, mac: "02:08:20:a6:87:71", vlanId: null, zone: null }],
      skipped: [],
    });
  });

  test("dladm show-ether: 1G-f, and 0G for a link without carrier", () => {
    expect(dladm.parseShowEther(readCapture("illumos/dladm-show-ether__oxide-helios-engvm.txt"))).toEqual({
      value: [
        { link: "bge0", state: "up", speedMbps: 1000, duplex: "full" },
        { link: "bge1", state: "unknown", speedMbps: null, duplex: null },
      ],
      skipped: [],
    });
  });

  test("ipadm show-addr: address objects per interface, static and dhcp", () => {
    expect(ipadm.parse(readCapture("illumos/ipadm-show-addr-dhcp__oxide-helios-engvm.txt"))).toEqual({
      value: [
        { interface: "lo0", address: "127.0.0.1/8", type: "static", state: "ok" },
        { interface: "bge0", address: "172.20.3.63/24", type: "dhcp", state: "ok" },
        { interface: "lo0", address: "::1/128", type: "static", state: "ok" },
      ],
      skipped: [],
    });
  });

  test("malformed: no header means every line is reported", () => {
    expect(dladm.parseShowLink("dladm: insufficient privileges\n").skipped).toHaveLength(1);
    expect(ipadm.parse("")).toEqual({ value: [], skipped: [] });
  });
});
