import { describe, expect, it } from "vitest";
import { staleHosts } from "./staleness";

const now = Date.parse("2026-12-06T12:00:00Z");
const hosts = [
  { id: 1, name: "nas" },
  { id: 2, name: "parents-router" },
  { id: 3, name: "new-box" },
];
const minutesAgo = (m: number) => new Date(now - m * 60_000);

describe("stale data", () => {
  it("a host not collected for three sweeps is stale, with when it last was; one never collected is too", () => {
    const last = new Map([
      [1, minutesAgo(14)],
      [2, minutesAgo(16)],
    ]);
    expect(staleHosts(hosts, last, 5, now)).toEqual([
      { id: 2, name: "parents-router", lastCollectedAt: "2026-12-06T11:44:00.000Z" },
      { id: 3, name: "new-box", lastCollectedAt: null },
    ]);
  });

  it("without periodic collection nothing is stale: the data is as old as the user chose", () => {
    expect(staleHosts(hosts, new Map(), 0, now)).toEqual([]);
  });
});
