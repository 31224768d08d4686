import { describe, expect, test } from "vitest";
import { parse } from "./ip-addr-text";
import { LAB_ADDRESSES, LAB_PEER_ADDRESSES } from "./lab-expected";
import { readOwn } from "./test-fixtures";

describe("ip addr show (text), captured in the ndp- lab namespaces", () => {
  test.each([
    ["ip-addr-show.txt", LAB_ADDRESSES],
    // "inet 10.77.2.1 peer 10.77.2.2/32": the prefix sits on the peer; the local side is kept
    ["ip-addr-show-peer.txt", LAB_PEER_ADDRESSES],
  ])("%s: every interface with its addresses in order", (file, expected) => {
    const { value, skipped } = parse(readOwn(file));
    expect(Object.fromEntries(value)).toEqual(expected);
    expect(skipped).toEqual([]);
  });

  test("a stray line before the first interface is skipped with a reason", () => {
    const { value, skipped } = parse(`Device "eth9" does not exist.\n${readOwn("ip-addr-show.txt")}`);
    expect(Object.fromEntries(value)).toEqual(LAB_ADDRESSES);
    expect(skipped).toEqual([{ line: 'Device "eth9" does not exist.', reason: "not part of an interface block" }]);
  });
});
