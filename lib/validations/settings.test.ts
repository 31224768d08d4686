import { describe, expect, test } from "vitest";
import { applyPatch, readStored, settingsPatchSchema } from "./settings";
import { parseWith } from "./auth";

describe("settings", () => {
  test("a change is checked field by field, with the field named", () => {
    expect(settingsPatchSchema.parse({ collectIntervalMinutes: 15, linkSpeedRatio: null })).toEqual({ collectIntervalMinutes: 15, linkSpeedRatio: null });
    expect(() => parseWith(settingsPatchSchema, { collectIntervalMinutes: 2.5, asymmetryRatio: 3 }, "settings")).toThrow(
      expect.objectContaining({ fields: { collectIntervalMinutes: "Collection interval must be a whole number", asymmetryRatio: "Asymmetry ratio: at most 1" } }),
    );
    expect(() => parseWith(settingsPatchSchema, { collectIntervalMinutes: "5" }, "settings")).toThrow(expect.objectContaining({ fields: { collectIntervalMinutes: "Collection interval must be a number" } }));
    expect(() => parseWith(settingsPatchSchema, { sshPassword: "x" }, "settings")).toThrow(expect.objectContaining({ fields: { sshPassword: "Unknown field" } }));
  });

  test("stored values: set, reset with null, and a bad stored value falls back to the default", () => {
    const stored = applyPatch({ dfProbeIntervalHours: 6 }, { collectIntervalMinutes: 10, dfProbeIntervalHours: null });
    expect(stored).toEqual({ collectIntervalMinutes: 10 });
    expect(readStored(JSON.stringify({ collectIntervalMinutes: 10, asymmetryRatio: 7, retransmitPercent: "x" }))).toEqual({ collectIntervalMinutes: 10 });
    expect(readStored("{not json")).toEqual({});
    expect(readStored(null)).toEqual({});
  });
});
