import { describe, expect, test } from "vitest";
import { parse } from "./ip-neigh";
import { LAB_NEIGHBORS } from "./lab-expected";
import { readCapture, readOwn } from "./test-fixtures";

describe("ip -j neigh show, captured in the ndp- lab namespace", () => {
  test("both families, FAILED/INCOMPLETE without MAC, router flag as a null-valued key", () => {
    expect(parse(readOwn("ip-j-neigh-show.txt"))).toEqual({ value: LAB_NEIGHBORS, skipped: [] });
  });

  test("an entry without a valid dst is skipped, the rest kept", () => {
    const out = readOwn("ip-j-neigh-show.txt").replace('"dst":"10.77.0.99"', '"dst":"not-an-ip"');
    const { value, skipped } = parse(out);
    expect(value).toHaveLength(LAB_NEIGHBORS.length - 1);
    expect(skipped).toHaveLength(1);
    expect(skipped[0]?.line).toContain("not-an-ip");
  });

  test("several NUD bits: the most telling state wins", () => {
    const out = '[{"dst":"10.0.0.1","dev":"eth0","lladdr":"00:11:22:33:44:55","state":["STALE","NOARP"]},{"dst":"10.0.0.2","state":["NONE"]}]';
    expect(parse(out).value.map((row) => row.state)).toEqual(["noarp", "unknown"]);
  });

  test("empty output (no neighbors) is an empty list, not an error", () => {
    expect(parse("")).toEqual({ value: [], skipped: [] });
    expect(parse("[]\n")).toEqual({ value: [], skipped: [] });
  });
});

describe("captures from public sources (tests/fixtures)", () => {
  test("ip -j -f inet neigh list | jq (vyos)", () => {
    const { value, skipped } = parse(readCapture("ip-j-f-inet-neigh-list-jq__vyos-pr718.txt"));
    expect(skipped).toEqual([]);
    expect(value).toHaveLength(5);
    expect(value[0]).toEqual({ ip: "192.168.101.8", mac: "78:d2:94:72:77:7e", interface: "enp0s25", state: "stale", router: false });
    expect(value[3]).toEqual({ ip: "192.168.101.1", mac: "00:98:2b:f8:3f:11", interface: "enp0s25", state: "reachable", router: false });
  });

  test("ip -j -p neigh cut off with '...' (iproute2 commit message): nothing read, start kept", () => {
    const out = readCapture("ip-j-p-neigh-failed__iproute2-commit-aac7f725.txt");
    const { value, skipped } = parse(out);
    expect(value).toEqual([]);
    expect(skipped).toHaveLength(1);
    expect(skipped[0]?.line).toBe(out.trim().slice(0, 200));
    expect(skipped[0]?.reason).toMatch(/^not valid JSON/);
  });
});

test("a table of 50,000 entries is read up to 8,192, and the rest is reported, not silently dropped", () => {
  const entries = Array.from({ length: 50_000 }, (_, i) => ({ dst: `198.18.${i >> 8}.${i & 255}`, dev: "eth0", lladdr: "02:00:00:00:00:01", state: ["PERMANENT"] }));
  const { value, skipped } = parse(JSON.stringify(entries));
  expect(value).toHaveLength(8_192);
  expect(value[0]).toMatchObject({ ip: "198.18.0.0", mac: "02:00:00:00:00:01", interface: "eth0" });
  expect(skipped).toEqual([{ line: "41,808 more entries", reason: "not read: netdiag reads at most 8,192 entries of one command" }]);
});
