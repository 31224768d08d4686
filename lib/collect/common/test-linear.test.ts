import { describe, expect, test } from "vitest";
import { growth, LINEAR } from "./test-linear";

// The linear-time checks of every parser lean on this helper: it must tell a quadratic parser
// apart, retries and all, or those tests could never fail.
describe("growth", () => {
  test("a linear scan reads below LINEAR", () => {
    const scan = (text: string) => text.split("\n").filter((l) => l.startsWith("x")).length;
    expect(growth(scan, (n) => "x\n".repeat(n))).toBeLessThan(LINEAR);
  });

  test("a quadratic parser (re-reading everything before each line) reads above LINEAR", () => {
    const quadratic = (text: string) => {
      let seen = 0;
      for (let end = 0; end < text.length; end++) {
        if (text.charCodeAt(end) !== 10) continue;
        for (let i = 0; i < end; i++) seen += text.charCodeAt(i) === 121 ? 1 : 0;
      }
      return seen;
    };
    expect(growth(quadratic, (n) => "x\n".repeat(n / 2), 2_500)).toBeGreaterThan(LINEAR);
  }, 30_000);
});
