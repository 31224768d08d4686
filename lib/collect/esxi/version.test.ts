import { expect, test } from "vitest";
import { readCapture } from "@/lib/collect/common/test-fixtures";
import { parse } from "./version";

test("vmware -vl (ESXi 7.0.3, HPE bare metal): the first line, with the build, is the distribution", () => {
  expect(parse(readCapture("esxi/vmware-vl__hpegl-metal-os-esxi-iso.txt"))).toEqual({ value: "VMware ESXi 7.0.3 build-22348816", skipped: [] });
});

test("empty output is null with a reason", () => {
  expect(parse("")).toEqual({ value: null, skipped: [{ line: "", reason: "empty output" }] });
});
