export const PLATFORMS = ["linux", "esxi", "freebsd", "darwin", "illumos", "windows"] as const;
export type Platform = (typeof PLATFORMS)[number];
