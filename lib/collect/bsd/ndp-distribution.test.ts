import { expect, test } from "vitest";
import { listCaptures, readCapture } from "@/lib/collect/common/test-fixtures";
import * as distribution from "./distribution";
import * as ndp from "./ndp";

test.each([
  // FreeBSD's "S Flags" header; the state letter R, no flags
  ["freebsd/ndp-an__freebsd-hn1-javatest-id22716714832.txt", [{ ip: "fe80::250:56ff:fe00:6d36", mac: "00:50:56:00:6d:36", interface: "hn1", state: "permanent", router: false }]],
  // header "Expire    1s 5s"; MACs already zero-padded
  [
    "freebsd/ndp-a__freebsd-vmware-em0-pistol-id47186379319.txt",
    [
      { ip: "fe80::20c:29ff:fe88:20d2", mac: "00:0c:29:88:20:d2", interface: "em0", state: "permanent", router: false },
      { ip: "fe80::20c:29ff:feb8:a41", mac: "00:0c:29:b8:0a:41", interface: "em0", state: "permanent", router: false },
    ],
  ],
])("ndp -an %s", (file, expected) => {
  expect(ndp.parse(readCapture(file))).toEqual({ value: expected, skipped: [] });
});

test("ndp -an on macOS: St Flgs Prbs header, unpadded MACs, the router flag after the state letter", () => {
  const { value, skipped } = ndp.parse(readCapture("macos/ndp-an__macos-rust-comment-id55060280610.txt"));
  expect(skipped).toEqual([]);
  expect(value).toHaveLength(20);
  // the gateway: "5s R R" is state reachable, flag router
  expect(value.find((n) => n.mac === "f8:ce:21:39:5b:f4")).toEqual({ ip: "fe80::face:21ff:fe39:5bf4", mac: "f8:ce:21:39:5b:f4", interface: "en0", state: "reachable", router: true });
  // "42:6c:f:e9:a8:65 en0 21h58m44s S"
  expect(value.find((n) => n.ip === "fe80::1807:d761:578a:6885")).toEqual({ ip: "fe80::1807:d761:578a:6885", mac: "42:6c:0f:e9:a8:65", interface: "en0", state: "stale", router: false });
  expect(value.find((n) => n.ip === "fe80::6e16:29ff:fe00:fd5b")?.mac).toBe("6c:16:29:00:fd:5b");
  // unanswered lookups: "(incomplete) en0 expired N"
  expect(value.filter((n) => n.state === "incomplete").map((n) => `${n.ip}%${n.interface ?? ""}`)).toEqual([
    "fe80::1234:5678:abcd:ef01%en0",
    "fe80::ae49:4251:a476:1253%en0",
    "fe80::ce81:b1c:bd2c:69e%en0",
  ]);
  // the Mac's own addresses on lo0 and utun* have no link layer: "(incomplete) … permanent" is
  // a permanent entry without a MAC, not a lookup in progress
  expect(value.filter((n) => n.mac === null && n.state === "permanent").map((n) => n.interface)).toEqual(["lo0", "utun0", "utun1", "utun2", "utun3"]);
  // a Netif as wide as its column ("bridge100") still lands in it
  expect(value.at(-1)).toEqual({ ip: "fe80::c0c7:dbff:fe1d:3966", mac: "c2:c7:db:1d:39:66", interface: "bridge102", state: "permanent", router: false });
  expect(value.filter((n) => n.router)).toHaveLength(1);
});

test("ndp -an: empty output is no neighbors; a line that is not a row is skipped", () => {
  expect(ndp.parse("")).toEqual({ value: [], skipped: [] });
  const { value, skipped } = ndp.parse("ndp: socket: Protocol not supported\n");
  expect(value).toEqual([]);
  expect(skipped).toHaveLength(1);
});

const SW_VERS: Record<string, string> = {
  "macos/sw_vers__macos-10.13-17A405-kernelpop-pr17.txt": "Mac OS X 10.13",
  "macos/sw_vers__macos-13.2.1-22D68-readme-id17318417047.txt": "macOS 13.2.1",
  "macos/sw_vers__macos-14.0-23A344-readme-id43552286153.txt": "macOS 14.0",
  "macos/sw_vers__macos-15.7.4-24G517-terminal-log-id62590496452.txt": "macOS 15.7.4",
  // no newline after the last line, as the ohai stub has it
  "macos/sw_vers__macosx-10.5.5-ohai-spec.txt": "Mac OS X 10.5.5",
  "macos/sw_vers__macosx-server-10.6.8-ohai-spec.txt": "Mac OS X Server 10.6.8",
};

test("every real sw_vers capture is listed", () => {
  expect(listCaptures("macos", "sw_vers__")).toEqual(Object.keys(SW_VERS).sort());
});

test.each(Object.entries(SW_VERS))("sw_vers %s (one or two TABs after the colon)", (file, expected) => {
  expect(distribution.parse(readCapture(file))).toEqual({ value: expected, skipped: [] });
});

test("distribution: plain FreeBSD (no pfSense/OPNsense/TrueNAS files) prints nothing and tells nothing", () => {
  expect(distribution.parse("")).toEqual({ value: null, skipped: [] });
});
