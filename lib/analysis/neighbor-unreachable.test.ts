import { describe, expect, test } from "vitest";
import { detectNeighborUnreachable } from "./neighbor-unreachable";
import { host, input, mac, neigh, nic, summary } from "./test-builders";

const owner = (o = {}) => host(2, [nic("eth0", mac(2), ["10.9.1.12/24"], o)]);
const asker = (latest: string, before: string | null, ip = "10.9.1.12") =>
  host(1, [nic("eth0", mac(1), ["10.9.1.11/24"])], {
    neighbors: [neigh(ip, null, "eth0", latest)],
    previous: { neighbors: before ? [neigh(ip, null, "eth0", before)] : [] },
  });

describe("neighbor stuck FAILED/INCOMPLETE for an address a collected host owns", () => {
  test.each([
    { name: "FAILED in two collections in a row for a collected host's address", hosts: [asker("failed", "incomplete"), owner()], expected: [["neighbor-unreachable", "warning", "neighbor-unreachable:10.9.1.12"]] },
    { name: "benign: FAILED for an address no collected host owns (a device that is off)", hosts: [asker("failed", "failed", "10.9.1.77"), owner()], expected: [] },
    { name: "benign: one lost answer (only in the latest snapshot)", hosts: [asker("failed", null), owner()], expected: [] },
    { name: "edge: the owner's interface is down (that is link-down's finding)", hosts: [asker("failed", "failed"), owner({ state: "down" })], expected: [] },
  ])("$name", ({ hosts, expected }) => {
    const found = detectNeighborUnreachable(input(hosts));
    expect(summary(found)).toEqual(expected);
    if (found[0]) expect(found[0].hostIds).toEqual([1, 2]);
  });
});
