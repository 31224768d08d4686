import { describe, expect, test } from "vitest";
import { readCapture } from "@/lib/collect/common/test-fixtures";
import { parse } from "./neighbor-list";

describe("esxcli network ip neighbor list", () => {
  test("5.x era: no Type column, blank IPv4 state, IPv6 Reachable", () => {
    expect(parse(readCapture("esxi/esxcli-network-ip-neighbor-list__tunupgh-blog.txt"))).toEqual({
      value: [
        { ip: "172.16.0.2", mac: "00:1f:ca:88:96:8c", interface: "vmk0", state: "reachable", router: false },
        { ip: "fe80::6e62:6dff:fea3:2ec2", mac: "6c:62:6d:a3:2e:c2", interface: "vmk0", state: "reachable", router: false },
      ],
      skipped: [],
    });
  });

  test("6.x+ era with Type Dynamic, three vmknics", () => {
    const { value, skipped } = parse(readCapture("esxi/esxcli-network-ip-neighbor-list-type-dynamic__unresolved-ru-homework.txt"));
    expect(skipped).toEqual([]);
    expect(value).toHaveLength(7);
    expect(value[0]).toEqual({ ip: "192.168.120.18", mac: "00:50:56:ad:1e:e5", interface: "vmk0", state: "reachable", router: false });
    expect(value.map((n) => n.interface)).toEqual(["vmk0", "vmk0", "vmk0", "vmk0", "vmk0", "vmk1", "vmk2"]);
    expect(value[6]).toEqual({ ip: "172.22.1.10", mac: "ac:1f:6b:24:61:8b", interface: "vmk2", state: "reachable", router: false });
  });

  test("(incomplete), negative expiry and Static map to the shared vocabulary; a bad row is skipped", () => {
    const out = readCapture("esxi/esxcli-network-ip-neighbor-list-type-dynamic__unresolved-ru-homework.txt")
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

describe("esxcli network ip neighbor list, captures this project collected", () => {
  const GOMESJJ = "esxi/esxcli-network-ip-neighbor-list__gomesjj-usb-ethernet-post.txt";

  test("the blog's highlighted rows ('--> … <--') are not machine output: skipped and shown, the rest read", () => {
    const { value, skipped } = parse(readCapture(GOMESJJ));
    expect(value.map((n) => [n.ip, n.mac, n.interface])).toEqual([
      ["192.168.10.132", "0c:c4:7a:a9:55:89", "vmk1"],
      ["192.168.10.232", "d0:50:99:c0:ae:8f", "vmk1"],
      ["192.168.1.234", "00:0c:29:97:66:3a", "vmk0"],
      ["192.168.1.223", "00:0c:29:13:d3:03", "vmk0"],
      ["192.168.1.254", "7c:69:f6:9a:c9:d0", "vmk0"],
      ["192.168.1.222", "c0:3f:d5:64:ae:5d", "vmk0"],
      ["192.168.1.240", "14:b1:c8:00:37:80", "vmk0"],
    ]);
    expect(skipped.map((s) => s.line)).toEqual([
      "--> 192.168.10.226   3c:97:0e:5e:a1:bd  vmk1    1190 sec         Unknown <--",
      "--> 192.168.1.226   3c:97:0e:5e:a1:bd  vmk0    1181 sec         Unknown <--",
    ]);
  });

  test("without the marks (what the replay set serves) one MAC answers for two IPs on vmk0 and vmk1", () => {
    const unmarked = readCapture(GOMESJJ).replace(/^--> /gm, "").replace(/ <--$/gm, "");
    const { value, skipped } = parse(unmarked);
    expect(skipped).toEqual([]);
    expect(value.filter((n) => n.mac === "3c:97:0e:5e:a1:bd").map((n) => [n.ip, n.interface, n.state])).toEqual([
      ["192.168.10.226", "vmk1", "reachable"],
      ["192.168.1.226", "vmk0", "reachable"],
    ]);
  });

  test("ESXi 7 host VSAN03: an (incomplete) entry with a negative expiry", () => {
    const { value, skipped } = parse(readCapture("esxi/esxcli-network-ip-neighbor-list__halcyon098-study-VSAN03.txt"));
    expect(skipped).toEqual([]);
    expect(value.some((n) => n.mac === null && n.state === "incomplete")).toBe(true);
  });
});
