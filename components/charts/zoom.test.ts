import { describe, expect, test } from "vitest";
import { dragToRange, MIN_ZOOM_MS } from "./zoom";

const at = (iso: string) => Date.parse(iso);

describe("dragToRange", () => {
  test("a drag selects its span, widened to whole minutes", () => {
    expect(dragToRange({ x: 100, t: at("2026-12-05T10:05:13.271Z") }, { x: 300, t: at("2026-12-05T12:40:01Z") })).toEqual({
      from: at("2026-12-05T10:05:00Z"),
      to: at("2026-12-05T12:41:00Z"),
    });
  });

  test("right to left selects the same range", () => {
    const a = { x: 100, t: at("2026-12-05T10:00:00Z") };
    const b = { x: 300, t: at("2026-12-05T12:00:00Z") };
    expect(dragToRange(b, a)).toEqual(dragToRange(a, b));
  });

  test("a click or a twitch is not a drag", () => {
    expect(dragToRange({ x: 100, t: at("2026-12-05T10:00:00Z") }, { x: 104, t: at("2026-12-05T11:00:00Z") })).toBeNull();
  });

  test("a narrow drag is widened to the minimum around its middle", () => {
    const r = dragToRange({ x: 100, t: at("2026-12-05T10:00:00Z") }, { x: 110, t: at("2026-12-05T10:02:00Z") })!;
    expect(r.to - r.from).toBe(MIN_ZOOM_MS);
    expect(r.from).toBeLessThanOrEqual(at("2026-12-05T10:00:00Z"));
    expect(r.to).toBeGreaterThanOrEqual(at("2026-12-05T10:02:00Z"));
  });

  test("outside the axis (NaN from the inverse scale) is nothing", () => {
    expect(dragToRange({ x: 100, t: Number.NaN }, { x: 300, t: at("2026-12-05T10:00:00Z") })).toBeNull();
  });
});
