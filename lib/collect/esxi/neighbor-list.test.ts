import { describe, expect, test } from "vitest";
import { readShared, sharedMissingReason } from "@/lib/collect/common/test-fixtures";
import { parse } from "./neighbor-list";

describe.skipIf(sharedMissingReason !== null)("esxcli network ip neighbor list", () => {
  test("5.x era: no Type column, blank IPv4 state, IPv6 Reachable", () => {
    expect(parse(readShared("esxi/esxcli-network-ip-neighbor-list__tunupgh-blog.txt"))).toEqual({
      value: [
        { ip: "172.16.0.2", mac: "00:1f:ca:88:96:8c", interface: "vmk0", state: "reachable", router: false },
        { ip: "fe80::6e62:6dff:fea3:2ec2", mac: "6c:62:6d:a3:2e:c2", interface: "vmk0", state: "reachable", router: false },
      ],
      skipped: [],
    });
  });

  test("6.x+ era with Type Dynamic, three vmknics", () => {
    const { value, skipped } = parse(readShared("esxi/esxcli-network-ip-neighbor-list-type-dynamic__unresolved-ru-homework.txt"));
    expect(skipped).toEqual([]);
    expect(value).toHaveLength(7);
    expect(value[0]).toEqual({ ip: "192.168.120.18", mac: "00:50:56:ad:1e:e5", interface: "vmk0", state: "reachable", router: false });
    expect(value.map((n) => n.interface)).toEqual(["vmk0", "vmk0", "vmk0", "vmk0", "vmk0", "vmk1", "vmk2"]);
    expect(value[6]).toEqual({ ip: "172.22.1.10", mac: "ac:1f:6b:24:61:8b", interface: "vmk2", state: "reachable", router: false });
  });

  test("(incomplete), negative expiry and Static map to the shared vocabulary; a bad row is skipped", () => {
    const out = readShared("esxi/esxcli-network-ip-neighbor-list-type-dynamic__unresolved-ru-homework.txt")
      .replace("00:50:56:ad:51:69  vmk0     943 sec         Dynamic", "(incomplete)       vmk0     943 sec         Dynamic")
      .replace("00:0c:29:3c:1e:80  vmk0      24 sec         Dynamic", "00:0c:29:3c:1e:80  vmk0     -24 sec         Dynamic")
      .replace("64:d1:54:e0:47:dd  vmk0    1200 sec         Dynamic", "64:d1:54:e0:47:dd  vmk0    1200 sec         Static ")
      .replace("192.168.120.237", "garbage-here   ");
    const { value, skipped } = parse(out);
    expect(value.slice(1, 4).map((n) => [n.mac, n.state])).toEqual([
      [null, "incomplete"],
      ["00:0c:29:3c:1e:80", "stale"],
      ["64:d1:54:e0:47:dd", "permanent"],
    ]);
    expect(skipped.map((s) => s.line.split(/\s+/)[0])).toEqual(["garbage-here"]);
  });

  test("no header at all: nothing read, every line reported", () => {
    expect(parse("esxcli: command not found\n").skipped).toHaveLength(1);
    expect(parse("")).toEqual({ value: [], skipped: [] });
  });
});
