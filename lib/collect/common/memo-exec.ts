import type { CommandOutcome, Exec, ExecResult } from "@/lib/domain/snapshot";

/**
 * One run per command string within a collection: when two fallback chains both fall back to
 * the same command (esxcfg-vmknic -l lists vmknics and addresses), it runs once.
 */
export function memoExec(exec: Exec): Exec {
  const runs = new Map<string, Promise<ExecResult>>();
  return (command) => {
    let run = runs.get(command);
    if (!run) {
      run = exec(command);
      runs.set(command, run);
    }
    return run;
  };
}

/** Outcomes in order, each command once (the first record of it wins). */
export function uniqueOutcomes(outcomes: CommandOutcome[]): CommandOutcome[] {
  const seen = new Set<string>();
  return outcomes.filter((outcome) => {
    const key = `${outcome.command}\u0000${outcome.replacedBy ?? ""}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
