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
  let parsed: ParseResult<T>;
  try {
    parsed = step.parse(result.stdout);
  } catch (thrown) {
    // Parsers never throw by contract, but hostile output can still make the engine do it: JSON
    // 100,000 arrays deep parses, and then JSON.stringify or a recursive walk of it overflows
    // the stack (RangeError). That is this command's output failing to parse, not a crash of
    // the collection.
    const reason = thrown instanceof RangeError ? `${thrown.message} (the output is nested too deeply or too large to read)` : message(thrown);
    const error = new ParseError(`output could not be read: ${reason}`, result.stdout.slice(0, 200), command);
    return { ok: false, error, thrown: false, outcome: { command, ok: false, durationMs, error: error.message } };
  }
  const { value, skipped } = parsed;
  const first = skipped[0];
  if (first && step.isEmpty(value)) {
    const error = new ParseError(`output did not parse: ${first.reason}`, first.line, command);
    return { ok: false, error, thrown: false, outcome: { command, ok: false, durationMs, error: error.message, skipped } };
  }
  return { ok: true, value, outcome: { command, ok: true, durationMs, ...(skipped.length ? { skipped } : {}) } };
}

export type Chain<T> = { value: T | null; outcomes: CommandOutcome[]; errors: Failure[] };

/**
 * A command and its fallbacks (iproute2 without JSON, esxcli missing on old ESXi, …): the
 * first step whose command succeeds and parses wins; each one it replaced is marked
 * `replacedBy`. An exec that throws (timeout, dead connection) stops the chain: it will not
 * get better with another command.
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
