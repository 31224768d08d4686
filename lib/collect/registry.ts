import type { Collector, Platform } from "./collector";
import { linuxCollector } from "./linux";

/** One collector per platform; a platform missing here cannot be collected yet. */
export const collectors: Partial<Record<Platform, Collector>> = {
  linux: linuxCollector,
};

export function getCollector(platform: Platform): Collector | undefined {
  return collectors[platform];
}

export function supportedPlatforms(): Platform[] {
  return Object.values(collectors).map((collector) => collector.platform);
}
