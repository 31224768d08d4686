import type { Collector } from "./collector";
import type { Platform } from "@/lib/domain/platform";
import { darwinCollector, freebsdCollector } from "./bsd";
import { esxiCollector } from "./esxi";
import { illumosCollector } from "./illumos";
import { linuxCollector } from "./linux";
import { windowsCollector } from "./windows";

/** One collector per platform; a platform missing here cannot be collected yet. */
export const collectors: Partial<Record<Platform, Collector>> = {
  linux: linuxCollector,
  esxi: esxiCollector,
  freebsd: freebsdCollector,
  darwin: darwinCollector,
  illumos: illumosCollector,
  windows: windowsCollector,
};

export function getCollector(platform: Platform): Collector | undefined {
  return collectors[platform];
}

export function supportedPlatforms(): Platform[] {
  return Object.values(collectors).map((collector) => collector.platform);
}
