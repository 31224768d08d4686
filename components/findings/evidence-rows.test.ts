import { describe, expect, test } from "vitest";
import type { EvidenceRow } from "@/lib/domain/finding";
import { shownByDefault } from "./evidence-rows";

const row = (source: string, proves?: boolean): EvidenceRow => ({
  hostId: 1,
  hostName: "h1",
  at: "2026-03-01T10:00:00.000Z",
  source,
  fields: {},
  ...(proves === undefined ? {} : { proves }),
});

describe("the evidence rows a card shows before Show all", () => {
  test("the rows marked as the proof, whatever their table", () => {
    const rows = [row("interface", true), row("interface"), row("neighbor table"), row("neighbor table", true), row("neighbor table")];
    expect(shownByDefault(rows)).toEqual([true, false, false, true, false]);
  });

  test("every row marked: all shown (the card needs no Show all)", () => {
    expect(shownByDefault([row("interface", true), row("interface", true)])).toEqual([true, true]);
  });

  test("stored before rows were marked: the first 3 of each table", () => {
    const rows = [...Array.from({ length: 5 }, () => row("ping -M do")), row("interface"), row("interface")];
    expect(shownByDefault(rows)).toEqual([true, true, true, false, false, true, true]);
  });

  test("explicitly false is no mark: the fallback applies", () => {
    expect(shownByDefault([row("interface", false), row("interface", false)], 1)).toEqual([true, false]);
  });

  test("no rows, nothing to show", () => {
    expect(shownByDefault([])).toEqual([]);
  });
});
