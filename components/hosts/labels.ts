// Words for codes stored on runs and hosts (lib/ssh/errors, lib/jobs/collect).
import { PLATFORMS } from "@/lib/domain/platform";
import type { HostView } from "@/lib/domain/views";

const ERROR_LABELS: Record<string, string> = {
  unreachable: "Host unreachable",
  refused: "Connection refused",
  timeout: "Connection timed out",
  dns: "Name did not resolve",
  connect: "Could not connect",
  auth: "Login failed",
  "host-key-changed": "Host key changed",
  "command-timeout": "A command timed out",
  channel: "SSH channel failed",
  "output-too-large": "Output too large",
  protocol: "SSH protocol error",
  "unsupported-platform": "Unsupported platform",
  parse: "Output not understood",
  partial: "Some output not understood",
  interrupted: "Interrupted",
  internal: "Internal error",
};

export function errorLabel(code: string | null): string {
  if (!code) return "Collection failed";
  return ERROR_LABELS[code] ?? code.replace(/[-_]/g, " ");
}

const PLATFORM_LABELS: Record<string, string> = {
  auto: "Auto-detect",
  linux: "Linux",
  esxi: "VMware ESXi",
  freebsd: "FreeBSD",
  darwin: "macOS",
  illumos: "illumos",
  windows: "Windows",
};

export function platformLabel(platform: string): string {
  return PLATFORM_LABELS[platform] ?? platform;
}

export const PLATFORM_OPTIONS = (["auto", ...PLATFORMS] as const).map((value) => ({ value, label: platformLabel(value) }));

/** What the host runs and whether the user set it or netdiag detected it. */
export function describePlatform(host: Pick<HostView, "platform" | "detectedPlatform">): { label: string; source: string } {
  if (host.platform !== "auto") return { label: platformLabel(host.platform), source: "set" };
  if (host.detectedPlatform) return { label: platformLabel(host.detectedPlatform), source: "detected" };
  return { label: "Not detected yet", source: "auto-detect" };
}
