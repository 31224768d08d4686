import type { Exec, Snapshot } from "@/lib/domain/snapshot";
import type { Platform } from "@/lib/domain/platform";

/**
 * One per platform, registered in lib/collect/registry.ts. collect() never throws for a
 * single failed command: it records the failure in `commands` and returns what it has.
 * It throws only when nothing useful could be read (e.g. every command failed), and then
 * with the underlying typed error.
 */
export interface Collector {
  platform: Platform;
  /**
   * The commands collect() runs first, before any fallback: lib/jobs sends them (with the
   * detection command) to the host as one script, so the common case costs one shell.
   */
  firstRound: readonly string[];
  collect(exec: Exec): Promise<Snapshot>;
}
