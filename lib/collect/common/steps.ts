import type { ParseResult } from "@/lib/collect/types";
import type { Step } from "@/lib/collect/linux/run-command";
import * as hostname from "@/lib/collect/linux/hostname";
import * as uname from "@/lib/collect/linux/uname";

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

// POSIX uname on every platform but Windows: the Linux collector's commands and parsers.
export const hostnameStep: Step<string | null> = { command: hostname.HOSTNAME_COMMAND, parse: hostname.parse, isEmpty: isNull };
export const kernelStep: Step<string | null> = { command: uname.UNAME_COMMAND, parse: uname.parse, isEmpty: isNull };
