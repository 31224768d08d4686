import { expect, test } from "vitest";
import { fieldHeader, fieldLabel, kindLabel } from "./labels";

test.each([
  ["previousMac", "previous MAC"],
  ["rxErrors", "RX errors"],
  ["speedMbps", "speed (Mbit/s)"],
  ["receivedMbps", "received (Mbit/s)"],
  ["linkMbps", "link (Mbit/s)"],
  ["payloadBytes", "data in the ping (bytes)"],
  ["tooBig", "refused as too big"],
  ["lossPercent", "loss (%)"],
  ["cpuSenderPercent", "CPU sender (%)"],
  ["ip", "IP"],
  ["segmentMtu", "segment MTU"],
  ["interface", "interface"],
])("field %s is shown as %s", (key, label) => expect(fieldLabel(key)).toBe(label));

test("a header gets the unit apart from the words, to keep it out of the header's upper-casing", () => {
  expect(fieldHeader("receivedMbps")).toEqual({ words: "received", unit: "Mbit/s" });
  expect(fieldHeader("previousMac")).toEqual({ words: "previous MAC", unit: null });
});

test("unknown kinds are shown as they are", () => {
  expect(kindLabel("duplicate-mac")).toBe("one MAC, several IPs");
  expect(kindLabel("something-new")).toBe("something-new");
});
