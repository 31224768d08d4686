import { describe, expect, test } from "vitest";
import { defaultNic, type NicSummary } from "./default-nic";

const nic = (name: string, state: string, addresses: string[] = [], kind: string | null = "ether"): NicSummary => ({ name, kind, state, addresses });
const lo = nic("lo", "unknown", ["127.0.0.1/8", "::1/128"], "loopback");

describe("defaultNic", () => {
  test.each([
    ["the NIC holding the registered address", [lo, nic("eth0", "up", ["10.0.0.2/24"]), nic("eth1", "up", ["10.0.1.5/24"])], "10.0.1.5", "eth1"],
    ["a bridge holding it, not the port under it", [lo, nic("enp3s0", "up"), nic("br0", "up", ["192.168.1.4/24"], "bridge")], "192.168.1.4", "br0"],
    ["an IPv6 address in brackets, any case", [lo, nic("eth0", "up", ["FD00::5/64"])], "[fd00::5]", "eth0"],
    ["a host name: the first NIC that is up, not the loopback", [lo, nic("eth0", "down"), nic("eth1", "UP")], "nas.lan", "eth1"],
    ["an address behind NAT: up beats down", [lo, nic("eth0", "lowerlayerdown"), nic("wlan0", "up")], "203.0.113.9", "wlan0"],
    ["nothing up: any NIC but the loopback", [lo, nic("eth0", "down")], "nas.lan", "eth0"],
    ["only a loopback", [lo], "nas.lan", "lo"],
    ["a loopback named lo0 (BSD) holding 127.0.0.1 is still chosen when it holds the address", [nic("lo0", "up", ["127.0.0.1/8"], null), nic("em0", "up")], "127.0.0.1", "lo0"],
    ["lo0 is not taken as the first NIC up", [nic("lo0", "up", ["127.0.0.1/8"], null), nic("em0", "up")], "nas.lan", "em0"],
  ])("%s", (_why, nics, address, expected) => {
    expect(defaultNic(nics, address)).toBe(expected);
  });

  test("no NICs: null", () => {
    expect(defaultNic([], "10.0.0.1")).toBeNull();
  });
});
