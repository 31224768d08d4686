import type { CommandOutcome, Exec, ExecResult } from "@/lib/domain/snapshot";
import { ParseError, type ParseResult } from "@/lib/domain/rows";

/** A command that ran but exited non-zero or was killed; carries what the host said. */
export class CommandFailedError extends Error {
  readonly code = "command-failed";
  constructor(
    readonly command: string,
    readonly exitCode: number | null,
    readonly stderr: string,
  ) {
    const said = stderr.trim().split(/\r?\n/).slice(0, 3).join(" / ").slice(0, 300);
    super(`${exitCode === null ? "killed by a signal" : `exit ${exitCode}`}${said ? `: ${said}` : ""}`);
    this.name = "CommandFailedError";
  }
}

export type Step<T> = {
  command: string;
  parse: (stdout: string) => ParseResult<T>;
  /** True when a value holds nothing: with skipped lines that means the output did not parse. */
  isEmpty: (value: T) => boolean;
};

/** `thrown`: exec itself threw (timeout, dead connection), not just a bad exit. */
export type Failure = { ok: false; error: unknown; thrown: boolean; outcome: CommandOutcome };
export type Attempt<T> = { ok: true; value: T; outcome: CommandOutcome } | Failure;

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export async function runStep<T>(exec: Exec, step: Step<T>): Promise<Attempt<T>> {
  const { command } = step;
  const started = performance.now();
  let result: ExecResult;
  try {
    result = await exec(command);
  } catch (error) {
    const durationMs = Math.round(performance.now() - started);
    return { ok: false, error, thrown: true, outcome: { command, ok: false, durationMs, error: message(error) } };
  }
  const { durationMs } = result;
  if (result.exitCode !== 0) {
    const error = new CommandFailedError(command, result.exitCode, result.stderr);
    return { ok: false, error, thrown: false, outcome: { command, ok: false, durationMs, error: error.message } };
  }
  const { value, skipped } = step.parse(result.stdout);
  const first = skipped[0];
  if (first && step.isEmpty(value)) {
    const error = new ParseError(`output did not parse: ${first.reason}`, first.line, command);
    return { ok: false, error, thrown: false, outcome: { command, ok: false, durationMs, error: error.message, skipped } };
  }
  return { ok: true, value, outcome: { command, ok: true, durationMs, ...(skipped.length ? { skipped } : {}) } };
}

export type Chain<T> = { value: T | null; outcomes: CommandOutcome[]; errors: Failure[] };

/**
 * Runs `primary`; when it exits non-zero or its output does not parse, runs `fallback`.
 * An exec that throws is not retried: a timeout or dead connection will not get better.
 */
export async function runWithFallback<T>(exec: Exec, primary: Step<T>, fallback: Step<T>): Promise<Chain<T>> {
  const first = await runStep(exec, primary);
  if (first.ok) return { value: first.value, outcomes: [first.outcome], errors: [] };
  if (first.thrown) return { value: null, outcomes: [first.outcome], errors: [first] };
  const second = await runStep(exec, fallback);
  const outcomes = [{ ...first.outcome, replacedBy: fallback.command }, second.outcome];
  if (second.ok) return { value: second.value, outcomes, errors: [] };
  return { value: null, outcomes, errors: [first, second] };
}
