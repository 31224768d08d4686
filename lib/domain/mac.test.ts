import { describe, expect, test } from "vitest";
import { normalizeMac } from "./mac";

describe("normalizeMac", () => {
  test.each([
    ["linux ip", "e6:49:44:2e:e3:8b", "e6:49:44:2e:e3:8b"],
    ["macOS unpadded octets", "0:1e:c9:a:b:c", "00:1e:c9:0a:0b:0c"],
    ["Windows upper-case dashes", "00-1E-C9-0A-0B-0C", "00:1e:c9:0a:0b:0c"],
    ["Cisco dotted", "aabb.ccdd.eeff", "aa:bb:cc:dd:ee:ff"],
    ["Cisco dotted, upper-case", "001E.C90A.0B0C", "00:1e:c9:0a:0b:0c"],
    ["bare hex", "AABBCCDDEEFF", "aa:bb:cc:dd:ee:ff"],
    ["surrounding whitespace", "  52:54:00:12:35:02\t", "52:54:00:12:35:02"],
    ["loopback zeros", "00:00:00:00:00:00", "00:00:00:00:00:00"],
  ])("%s: %s", (_label, input, expected) => {
    expect(normalizeMac(input)).toBe(expected);
  });

  test.each([
    ["linux arp", "<incomplete>"],
    ["esxi", "(incomplete)"],
    ["empty", ""],
    ["mixed separators", "aa:bb-cc:dd:ee:ff"],
    ["too few octets", "aa:bb:cc:dd:ee"],
    ["too many octets (EUI-64)", "aa:bb:cc:dd:ee:ff:00:11"],
    ["ipip tunnel address", "0.0.0.0"],
    ["three-digit octet", "aaa:bb:cc:dd:ee:ff"],
    ["non-hex", "gg:bb:cc:dd:ee:ff"],
  ])("rejects %s: %j", (_label, input) => {
    expect(normalizeMac(input)).toBeNull();
  });
});
