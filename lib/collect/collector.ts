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
  collect(exec: Exec): Promise<Snapshot>;
}
