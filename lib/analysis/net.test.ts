import { expect, test } from "vitest";
import { formatIp, inSubnet, ipKey, isEdgeOfSubnet, isLinkLocal, networkOf, parseCidr, parseIp } from "./net";

test.each([
  ["10.0.0.5/24", "10.0.0.0/24"],
  ["192.168.1.130/25", "192.168.1.128/25"],
  ["2001:db8:0:1::5/64", "2001:db8:0:1::/64"],
  ["fd00::1:2:3:4/48", "fd00::/48"],
  ["10.0.0.5", "10.0.0.5/32"],
])("network of %s is %s", (cidr, net) => expect(networkOf(parseCidr(cidr)!)).toBe(net));

test("the same address written differently is one key", () => {
  expect(ipKey(parseIp("2001:DB8::1")!)).toBe(ipKey(parseIp("2001:db8:0:0:0:0:0:1")!));
  expect(ipKey(parseIp("fe80::1%eth0")!)).toBe(ipKey(parseIp("fe80::1")!));
  expect(formatIp(parseIp("::ffff:10.0.0.1")!)).toBe("::ffff:a00:1");
});

test.each(["10.0.0.256", "1.2.3", "2001:db8::1::2", "garbage", "12345::"])("%s is not an address", (s) => expect(parseIp(s)).toBeNull());

test("subnets, link-local and the subnet's edge addresses", () => {
  const lan = parseCidr("10.0.0.5/24")!;
  expect(inSubnet(parseIp("10.0.0.200")!, lan)).toBe(true);
  expect(inSubnet(parseIp("10.0.1.1")!, lan)).toBe(false);
  expect(inSubnet(parseIp("::1")!, lan)).toBe(false);
  expect(isLinkLocal(parseIp("169.254.3.4")!)).toBe(true);
  expect(isLinkLocal(parseIp("fe80::1")!)).toBe(true);
  expect(isLinkLocal(parseIp("fec0::1")!)).toBe(false);
  expect([1, 254, 100].map((n) => isEdgeOfSubnet(parseIp(`10.0.0.${n}`)!, lan))).toEqual([true, true, false]);
});
