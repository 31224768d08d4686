import { expect, test } from "vitest";
import { readCapture } from "@/lib/collect/common/test-fixtures";
import { parseShowLinkpropMtu } from "./dladm";

const CAPTURE = "illumos/dladm-show-linkprop-p-mtu__smartos-gz-docs-id48574230.txt";

test("dladm show-linkprop -p mtu (SmartOS global zone): e1000g0's range wrapped onto a line of its own is joined", () => {
  expect(parseShowLinkpropMtu(readCapture(CAPTURE))).toEqual({
    value: [
      { link: "e1000g0", perm: "rw", mtuBytes: 1500, defaultMtuBytes: 1500, possible: "1500-16362", maxMtuBytes: 16362 },
      // the VNIC over e1000g0 accepts only the MTU it has
      { link: "net0", perm: "rw", mtuBytes: 1500, defaultMtuBytes: 1500, possible: "1500", maxMtuBytes: 1500 },
      // raised from its default
      { link: "etherstub0", perm: "rw", mtuBytes: 9000, defaultMtuBytes: 1500, possible: "576-9000", maxMtuBytes: 9000 },
    ],
    skipped: [],
  });
});

test("a row of another property and a line before the header are skipped, the rest kept", () => {
  const out = `dladm: warning\n${readCapture(CAPTURE).replace("net0         mtu ", "net0         maxbw")}`;
  const { value, skipped } = parseShowLinkpropMtu(out);
  expect(value.map((row) => row.link)).toEqual(["e1000g0", "etherstub0"]);
  expect(skipped.map((s) => s.line.trim())).toEqual(["dladm: warning", expect.stringMatching(/^net0\s+maxbw/)]);
});

test("empty output is no rows", () => {
  expect(parseShowLinkpropMtu("")).toEqual({ value: [], skipped: [] });
});
