import { describe, expect, test } from "vitest";
import { parse } from "./ip-addr";
import { LAB_ADDRESSES, LAB_PEER_ADDRESSES } from "./lab-expected";
import { readCapture, readOwn } from "./test-fixtures";

describe("ip -j addr show, captured in the ndp- lab namespaces", () => {
  test.each([
    ["ip-j-addr-show.txt", LAB_ADDRESSES],
    ["ip-j-addr-show-peer.txt", LAB_PEER_ADDRESSES],
  ])("%s: every interface with its addresses in order", (file, expected) => {
    const { value, skipped } = parse(readOwn(file));
    expect(Object.fromEntries(value)).toEqual(expected);
    expect(skipped).toEqual([]);
  });

  test("`{}` placeholders (left by iproute2 4.x filters, e.g. `ip -j -br addr show lo`) are ignored", () => {
    const out = readOwn("ip-j-addr-show.txt").trim().replace(/\]$/, ",{},{}]");
    expect(Object.fromEntries(parse(out).value)).toEqual(LAB_ADDRESSES);
    expect(parse(out).skipped).toEqual([]);
  });

  test("truncated output: empty map and one skipped entry", () => {
    const { value, skipped } = parse(readOwn("ip-j-addr-show.txt").slice(0, 300));
    expect(value.size).toBe(0);
    expect(skipped).toHaveLength(1);
  });
});

describe("captures from public sources (tests/fixtures)", () => {
  test.each([
    [
      "ip-json-addr-show__cloud-init.txt",
      {
        lo: ["127.0.0.1/8", "::1/128"],
        enp0s25: ["192.168.2.18/24", "fe80::7777:2222:1111:eeee/64", "fe80::8107:2b92:867e:f8a6/64"],
      },
    ],
  ])("%s", (file, expected) => {
    const { value, skipped } = parse(readCapture(file));
    expect(Object.fromEntries(value)).toEqual(expected);
    expect(skipped).toEqual([]);
  });
});
