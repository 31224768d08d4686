import type { Exec } from "@/lib/domain/snapshot";
import { runStep, type Chain, type Failure, type Step } from "@/lib/collect/linux/run-command";

/**
 * Like runWithFallback (lib/collect/linux/run-command.ts) for any number of alternatives:
 * the first step whose command succeeds and parses wins; each one it replaced is marked
 * `replacedBy`. An exec that throws (timeout, dead connection) stops the chain.
 */
export async function runFirst<T>(exec: Exec, steps: readonly Step<T>[]): Promise<Chain<T>> {
  const outcomes: Chain<T>["outcomes"] = [];
  const errors: Failure[] = [];
  for (const [i, step] of steps.entries()) {
    const attempt = await runStep(exec, step);
    if (attempt.ok) return { value: attempt.value, outcomes: [...outcomes, attempt.outcome], errors: [] };
    errors.push(attempt);
    const next = steps[i + 1];
    outcomes.push(next && !attempt.thrown ? { ...attempt.outcome, replacedBy: next.command } : attempt.outcome);
    if (attempt.thrown) break;
  }
  return { value: null, outcomes, errors };
}

/** The typed exec error (lib/ssh) if any attempt threw, else the last failure: it names the real cause. */
export function firstCause(...chains: Chain<unknown>[]): unknown {
  const attempts = chains.flatMap((chain) => chain.errors);
  return (attempts.find((attempt) => attempt.thrown) ?? attempts.at(-1))?.error;
}
