import type { ParseResult } from "@/lib/domain/rows";
import type { Attempt, Step } from "@/lib/collect/common/run-step";
import * as unameA from "@/lib/collect/linux/uname-a";

export const isEmptyList = (value: readonly unknown[]) => value.length === 0;
export const isNull = (value: unknown) => value === null;

export function listStep<T>(command: string, parse: (stdout: string) => ParseResult<T[]>): Step<T[]> {
  return { command, parse, isEmpty: isEmptyList };
}

/** The same step reading its output differently (a fallback command that covers several needs). */
export function mapStep<A, B>(step: Step<A>, map: (value: A) => B, isEmpty: (value: B) => boolean): Step<B> {
  return {
    command: step.command,
    parse: (stdout) => {
      const { value, skipped } = step.parse(stdout);
      return { value: map(value), skipped };
    },
    isEmpty,
  };
}

// ESXi, FreeBSD, macOS and illumos: hostname and kernel from the command detection runs too
// (lib/collect/linux/uname-a.ts says why). Linux keeps `uname -n` and `uname -srm`.
export const unameStep: Step<unameA.Uname | null> = { command: unameA.UNAME_A_COMMAND, parse: unameA.parse, isEmpty: isNull };

/** A snapshot's hostname and kernel from that step; both null when it failed. */
export function identityOf(attempt: Attempt<unameA.Uname | null>): { hostname: string | null; kernel: string | null } {
  const value = attempt.ok ? attempt.value : null;
  return { hostname: value?.hostname ?? null, kernel: value?.kernel ?? null };
}
