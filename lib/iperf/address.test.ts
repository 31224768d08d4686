import { describe, expect, test } from "vitest";
import { chooseServerAddress } from "./address";

const h5 = [
  { name: "lo", addresses: ["127.0.0.1/8", "::1/128"] },
  { name: "eth0", addresses: ["10.213.1.15/24", "fe80::d5:ff:fe01:5/64"] },
  { name: "eth1", addresses: ["10.213.10.15/24"] },
];
const h6 = [
  { name: "lo", addresses: ["127.0.0.1/8"] },
  { name: "eth0", addresses: ["10.213.1.16/24", "fd00:1::16/64"] },
  { name: "eth1", addresses: ["10.213.10.16/24"] },
];
const h1 = [{ name: "eth0", addresses: ["10.213.1.11/24", "fe80::1/64"] }];

describe("chooseServerAddress", () => {
  test("a subnet both share; the server's SSH address first among several", () => {
    expect(chooseServerAddress(h5, h6, "10.213.1.16")).toEqual({
      address: "10.213.1.16",
      how: "shared-subnet",
      subnet: "10.213.1.0/24",
      serverInterface: "eth0",
      clientInterface: "eth0",
    });
    // The SSH address is on segment B: it wins over eth0's address on A.
    expect(chooseServerAddress(h5, h6, "10.213.10.16")).toMatchObject({ address: "10.213.10.16", serverInterface: "eth1", clientInterface: "eth1" });
  });

  test("only the shared subnet counts: h1 (segment A only) reaches h6 on A, never on B", () => {
    expect(chooseServerAddress(h1, h6, "10.213.10.16")).toMatchObject({ address: "10.213.1.16", subnet: "10.213.1.0/24" });
  });

  test("link-local and loopback never count, though every host has them", () => {
    const a = [{ name: "eth0", addresses: ["fe80::1/64", "127.0.0.1/8"] }];
    const b = [{ name: "eth0", addresses: ["fe80::2/64", "127.0.0.2/8"] }];
    expect(chooseServerAddress(a, b, "server.lan")).toMatchObject({ address: null, how: "none" });
  });

  test("IPv4 before IPv6 when both are shared", () => {
    const c = [{ name: "eth0", addresses: ["fd00:1::11/64", "10.213.1.11/24"] }];
    expect(chooseServerAddress(c, h6, "fd00:1::16").address).toBe("10.213.1.16");
    const v6only = [{ name: "eth0", addresses: ["fd00:1::11/64"] }];
    expect(chooseServerAddress(v6only, h6, "10.213.1.16")).toMatchObject({ address: "fd00:1::16", how: "shared-subnet" });
  });

  test("no shared subnet (a routed path): the server's SSH address if it is an IP, else nothing", () => {
    const far = [{ name: "eth0", addresses: ["192.168.7.2/24"] }];
    expect(chooseServerAddress(far, h6, "10.213.1.16")).toEqual({ address: "10.213.1.16", how: "ssh-address", subnet: null, serverInterface: "eth0", clientInterface: null });
    expect(chooseServerAddress(far, h6, "nas.lan")).toMatchObject({ address: null, how: "none" });
    // Nothing collected yet: still the SSH address.
    expect(chooseServerAddress([], [], "10.0.0.9")).toMatchObject({ address: "10.0.0.9", how: "ssh-address", serverInterface: null });
  });
});
