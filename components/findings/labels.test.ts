import { expect, test } from "vitest";
import { fieldLabel, kindLabel } from "./labels";

test.each([
  ["previousMac", "previous MAC"],
  ["rxErrors", "RX errors"],
  ["speedMbps", "speed Mb/s"],
  ["ip", "IP"],
  ["segmentMtu", "segment MTU"],
  ["interface", "interface"],
])("field %s is shown as %s", (key, label) => expect(fieldLabel(key)).toBe(label));

test("unknown kinds are shown as they are", () => {
  expect(kindLabel("duplicate-mac")).toBe("one MAC, several IPs");
  expect(kindLabel("something-new")).toBe("something-new");
});
