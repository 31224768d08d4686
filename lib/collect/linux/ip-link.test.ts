import { describe, expect, test } from "vitest";
import { parse, type LinkRow } from "./ip-link";
import { readCapture, readOwn } from "./test-fixtures";

type Expected = Partial<LinkRow> & { name: string };

const lab = readOwn("ip-j-s-d-link-show.txt");

describe("ip -j -s -d link show, captured in the ndp- lab namespace", () => {
  const { value, skipped } = parse(lab);

  test("reads every interface and skips nothing", () => {
    expect(value.map((row) => row.name)).toEqual(["lo", "ndp-va", "br0", "vx0", "mv0", "ndp-vd", "ndp-vc"]);
    expect(skipped).toEqual([]);
  });

  test.each<Expected>([
    // operstate UNKNOWN with LOWER_UP: loopback counts as up
    { name: "lo", ifindex: 1, kind: "loopback", mac: "00:00:00:00:00:00", mtu: 65536, state: "up", master: null, rxBytes: 224n, rxPackets: 2n, txBytes: 224n, txPackets: 2n },
    { name: "ndp-va", ifindex: 2, kind: "veth", mac: "e6:49:44:2e:e3:8b", mtu: 9000, state: "up", master: "br0", rxBytes: 2014n, rxPackets: 23n, txBytes: 4290n, txPackets: 55n },
    { name: "br0", ifindex: 3, kind: "bridge", mac: "e6:49:44:2e:e3:8b", mtu: 9000, state: "up", master: null, rxBytes: 1692n, txBytes: 3424n },
    { name: "vx0", kind: "vxlan", mac: "02:f1:2b:9b:31:f2", mtu: 1500, state: "down", rxBytes: 0n, txBytes: 0n },
    { name: "mv0", kind: "macvlan", mac: "9a:3a:41:be:44:03", state: "up", rxPackets: 0n, txBytes: 866n, txPackets: 11n },
    { name: "ndp-vd", kind: "veth", state: "down", txDropped: 0n },
    // admin up, peer down: LOWERLAYERDOWN; frames sent anyway were dropped by veth
    { name: "ndp-vc", ifindex: 7, kind: "veth", mac: "36:33:0b:4c:5b:de", state: "down", rxErrors: 0n, txErrors: 0n, rxDropped: 0n, txDropped: 7n },
  ])("$name", (expected) => {
    expect(value.find((row) => row.name === expected.name)).toMatchObject(expected);
  });
});

describe("ip -j link quirks (derived from the lab capture)", () => {
  test("iproute2 4.13-4.14 key stats644 is read like stats64", () => {
    const { value } = parse(lab.replaceAll('"stats64"', '"stats644"'));
    expect(value.find((row) => row.name === "ndp-vc")).toMatchObject({ txDropped: 7n, txPackets: 0n });
  });

  test("counters above 2^53 keep every digit", () => {
    const huge = lab.replace('"bytes":4290,', '"bytes":18446744073709551615,');
    const { value, skipped } = parse(huge);
    expect(skipped).toEqual([]);
    expect(value.find((row) => row.name === "ndp-va")?.txBytes).toBe(18446744073709551615n);
  });

  test("output cut off mid-stream: nothing read, one skipped entry with its start", () => {
    const { value, skipped } = parse(lab.slice(0, 1500));
    expect(value).toEqual([]);
    expect(skipped).toHaveLength(1);
    expect(skipped[0]?.line).toBe(lab.slice(0, 200));
    expect(skipped[0]?.reason).toMatch(/^not valid JSON/);
  });

  test("an entry of the wrong shape is skipped, the others kept", () => {
    const { value, skipped } = parse(lab.replace('"ifname":"vx0"', '"ifname":42'));
    expect(value.map((row) => row.name)).not.toContain("vx0");
    expect(value).toHaveLength(6);
    expect(skipped).toHaveLength(1);
    expect(skipped[0]?.reason).toContain("ifname");
  });

  test("an error message instead of JSON is skipped, not thrown", () => {
    const { value, skipped } = parse('Option "-j" is unknown, try "ip -help".');
    expect(value).toEqual([]);
    expect(skipped).toHaveLength(1);
  });
});

describe("captures from public sources (tests/fixtures)", () => {
  test.each<[string, Expected[]]>([
    [
      "ip-details-json-link-bridge__iproute2-commit-20aeecfb.txt",
      [
        { name: "br42", ifindex: 15, kind: "bridge", mac: "22:8f:91:bb:9f:09", mtu: 1500, state: "up", master: null, rxBytes: null },
        // bond enslaved to a bridge; operstate UNKNOWN but LOWER_UP
        { name: "bond42", ifindex: 16, kind: "bond", mac: "22:8f:91:bb:9f:09", mtu: 1500, state: "up", master: "br42" },
      ],
    ],
    [
      "ip-details-json-link-vlan__iproute2-commit-43bc20ae.txt",
      [{ name: "eth0.42", ifindex: 30, kind: "vlan", mac: "08:00:27:db:31:88", mtu: 1500, state: "down", master: null }],
    ],
    [
      // `ip -j stats show` shares the stats64 block; no flags or operstate there
      "ip-j-stats-show-group-link-stats64__iproute2-commit-0517a2fd.txt",
      [{ name: "swp1", ifindex: 4178, kind: null, mtu: null, state: "unknown", rxBytes: 47048n, rxPackets: 354n, txBytes: 47474n, txPackets: 355n, rxDropped: 0n, txErrors: 0n }],
    ],
  ])("%s", (file, expected) => {
    const { value, skipped } = parse(readCapture(file));
    expect(skipped).toEqual([]);
    expect(value).toHaveLength(expected.length);
    expected.forEach((row, i) => expect(value[i]).toMatchObject(row));
  });

  test("permaddr: a randomized Wi-Fi MAC beside the burned-in one (Fedora 42, `ip -json addr`)", () => {
    // `ip -json addr` prints the same link objects as `ip -j link`, with addr_info added.
    const { value, skipped } = parse(readCapture("ip-json-addr-permaddr__fedora42-id38179949587.txt"));
    expect(skipped).toEqual([]);
    expect(value.map((row) => [row.name, row.mac, row.permanentMac])).toEqual([
      ["lo", "00:00:00:00:00:00", null],
      // iproute2 leaves permaddr out where it equals the address
      ["enp0s25", "50:7b:9d:88:84:a1", null],
      ["wlp3s0", "2e:95:f6:a5:e1:0e", "18:5e:0f:77:ec:0a"],
      ["tun0", null, null],
    ]);
    expect(value.find((row) => row.name === "wlp3s0")).toMatchObject({ kind: "ether", state: "up", mtu: 1500, rxBytes: null });
  });

  test("the lab capture (veths, a bridge: no permanent address differs) has no permanentMac", () => {
    expect(parse(lab).value.every((row) => row.permanentMac === null)).toBe(true);
  });
});
