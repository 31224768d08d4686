import type { Exec, ExecResult } from "@/lib/domain/snapshot";

/**
 * An Exec whose commands, asked for in the same turn of the event loop, run as one batch (one
 * shell on the host). Collectors ask for their first round together (Promise.all) and for
 * their fallbacks together once that round has answered, so a collection costs one shell,
 * or two when a fallback is needed, without the collector knowing about batches.
 */
export function coalescingExec(start: (commands: string[]) => Promise<ExecResult>[]): Exec {
  let pending: { command: string; resolve: (r: ExecResult) => void; reject: (e: unknown) => void }[] = [];
  const flush = () => {
    const batch = pending;
    pending = [];
    const results = start(batch.map((b) => b.command));
    batch.forEach((b, i) => {
      const p = results[i];
      if (p) p.then(b.resolve, b.reject);
      else b.reject(new Error(`no result for "${b.command}" in its batch`));
    });
  };
  return (command) =>
    new Promise<ExecResult>((resolve, reject) => {
      // setImmediate, not a microtask: a chain's next step is asked for in a later microtask
      // of the same turn, and must still join the batch of its siblings.
      if (pending.length === 0) setImmediate(flush);
      pending.push({ command, resolve, reject });
    });
}
