// Pure: reads the PROBE_COMMAND output (is iperf3 there, which version) and words the
// "iperf3 is missing" message with the install command for that host's platform.
import { NOT_FOUND_MARK } from "./command";
import { parseIperfVersion } from "./version";

export type ProbeResult =
  | { found: true; version: { text: string; major: number; minor: number; patch: number } | null; raw: string }
  | { found: false; os: string | null; distroIds: string[] };

export function parseProbe(stdout: string): ProbeResult {
  const lines = stdout.split(/\r?\n/).map((l) => l.trim());
  if (lines.includes(NOT_FOUND_MARK)) {
    const after = lines.slice(lines.indexOf(NOT_FOUND_MARK) + 1).filter(Boolean);
    const os = after.find((l) => !l.includes("=")) ?? null;
    const ids = after
      .filter((l) => /^(ID|ID_LIKE)=/.test(l))
      .flatMap((l) => l.replace(/^[A-Z_]+=/, "").replace(/"/g, "").split(/\s+/))
      .map((s) => s.toLowerCase())
      .filter(Boolean);
    return { found: false, os, distroIds: ids };
  }
  const first = lines.find((l) => l !== "") ?? "";
  return { found: true, version: parseIperfVersion(first), raw: first };
}

const LINUX: [ids: string[], command: string][] = [
  [["debian", "ubuntu", "raspbian", "linuxmint", "pop", "proxmox"], "apt install iperf3"],
  [["fedora", "rhel", "centos", "rocky", "almalinux", "ol"], "dnf install iperf3"],
  [["alpine"], "apk add iperf3"],
  [["arch", "manjaro", "endeavouros"], "pacman -S iperf3"],
  [["opensuse", "opensuse-leap", "opensuse-tumbleweed", "sles", "suse"], "zypper install iperf3"],
  [["nixos"], "nix-env -iA nixos.iperf3 (or add iperf3 to environment.systemPackages)"],
  [["gentoo"], "emerge net-misc/iperf"],
  [["openwrt"], "opkg update && opkg install iperf3"],
];

/** How to install iperf3 on this host, as specific as the probe allows. */
export function installHint(p: { os: string | null; distroIds: string[]; platform: string | null }): string {
  const os = (p.os ?? "").toLowerCase();
  const platform = p.platform ?? (os === "linux" ? "linux" : os === "freebsd" ? "freebsd" : os === "darwin" ? "darwin" : os === "sunos" ? "illumos" : os === "vmkernel" ? "esxi" : null);
  switch (platform) {
    case "linux": {
      for (const [ids, command] of LINUX) if (p.distroIds.some((id) => ids.includes(id))) return `install it with \`${command}\``;
      return "install the iperf3 package with the distribution's package manager (apt install iperf3, dnf install iperf3, apk add iperf3, pacman -S iperf3)";
    }
    case "freebsd":
      return "install it with `pkg install iperf3` (pfSense/OPNsense: the iperf package)";
    case "darwin":
      return "install it with `brew install iperf3`";
    case "illumos":
      return "install it with `pkg install iperf` (OmniOS) or `pkgin install iperf3` (SmartOS)";
    case "esxi":
      return "ESXi ships iperf3 only for vSAN (/usr/lib/vmware/vsan/bin/iperf3), not on the PATH; make it reachable as `iperf3` for the SSH user and allow the test port through the ESXi firewall";
    case "windows":
      return "install it with `winget install iperf3` (or unpack the iperf3 Windows build) and put it on the PATH of the SSH user";
    default:
      return "install the iperf3 package for this system";
  }
}
