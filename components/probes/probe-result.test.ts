import { expect, test } from "vitest";
import { probeResult, summarize } from "./probe-result";

const p = (ok: boolean, error: string | null = null, tooBig = false, received = ok ? 3 : 0) => ({ ok, error, tooBig, received, transmitted: 3 });

test.each([
  [p(true), "passed", "ok"],
  [p(true, null, false, 2), "passed (2/3)", "ok"],
  [p(false), "no reply", "bad"],
  [p(false, null, true), "too big", "bad"],
  [p(false, "refused"), "could not run", "neutral"],
])("probeResult %#", (probe, label, tone) => {
  expect(probeResult(probe)).toEqual({ label, tone });
});

test("summarize", () => {
  expect(summarize([])).toBe("No peer shares a subnet with this host");
  expect(summarize([p(true), p(false), p(false, "timeout")])).toBe("3 probes: 1 passed, 1 failed, 1 could not run");
  expect(summarize([p(true), p(true)])).toBe("2 probes: 2 passed, 0 failed");
});
