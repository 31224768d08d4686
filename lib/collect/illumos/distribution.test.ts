import { expect, test } from "vitest";
import { listCaptures, readCapture } from "@/lib/collect/common/test-fixtures";
import { parse } from "./distribution";

// The first line of /etc/release, without the spaces that centre it.
const EXPECTED: Record<string, string> = {
  "illumos/cat-etc-release__omnios-r151012-ansible-fixture.txt": "OmniOS v11 r151012",
  "illumos/cat-etc-release__openindiana-oi151a9-ansible-fixture.txt": "OpenIndiana Development oi_151.1.9 X86 (powered by illumos)",
  "illumos/cat-etc-release__opensolaris-2008.05-id54359880193.txt": "Open Solaris 2008.05 snv_86_rc2a X86",
  "illumos/cat-etc-release__smartos-gz-20160330-ansible-fixture.txt": "SmartOS 20160330T234717Z x86_64",
  // a zone's file names the image platform only
  "illumos/cat-etc-release__smartos-zone-base64-14.3.0-ansible-fixture.txt": "SmartOS x86_64",
  "illumos/cat-etc-release__solaris-10u11-x86-ansible-fixture.txt": "Oracle Solaris 10 1/13 s10x_u11wos_24a X86",
  "illumos/cat-etc-release__solaris-11.4-sparc-ansible-fixture.txt": "Oracle Solaris 11.4 SPARC",
};

test("every real /etc/release capture is listed", () => {
  expect(listCaptures("illumos", "cat-etc-release__")).toEqual(Object.keys(EXPECTED).sort());
});

test.each(Object.entries(EXPECTED))("cat /etc/release %s", (file, expected) => {
  expect(parse(readCapture(file))).toEqual({ value: expected, skipped: [] });
});

test("empty output tells nothing and is not an error", () => {
  expect(parse("")).toEqual({ value: null, skipped: [] });
});
