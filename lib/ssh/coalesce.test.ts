import { expect, test } from "vitest";
import type { ExecResult } from "@/lib/domain/snapshot";
import { coalescingExec } from "./coalesce";

const ok = (stdout: string): ExecResult => ({ stdout, stderr: "", exitCode: 0, durationMs: 1 });

test("commands asked for together run as one batch, later ones as the next; answers go to their askers", async () => {
  const batches: string[][] = [];
  const exec = coalescingExec((commands) => {
    batches.push(commands);
    return commands.map((c) => Promise.resolve(ok(`out of ${c}`)));
  });
  const first = await Promise.all([exec("a"), exec("b"), exec("c")]);
  expect(first.map((r) => r.stdout)).toEqual(["out of a", "out of b", "out of c"]);
  // a fallback round, asked for after the first round answered
  const second = await Promise.all([exec("a-text"), exec("c-text")]);
  expect(second.map((r) => r.stdout)).toEqual(["out of a-text", "out of c-text"]);
  expect(batches).toEqual([["a", "b", "c"], ["a-text", "c-text"]]);
});

test("a command that fails in the batch fails for its asker only", async () => {
  const exec = coalescingExec((commands) => commands.map((c) => (c === "bad" ? Promise.reject(new Error("timed out")) : Promise.resolve(ok(c)))));
  const [good, bad] = await Promise.allSettled([exec("good"), exec("bad")]);
  expect(good).toMatchObject({ status: "fulfilled", value: { stdout: "good" } });
  expect(bad).toMatchObject({ status: "rejected", reason: new Error("timed out") });
});
