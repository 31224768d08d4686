// Which iperf3 features a pair of hosts can use, from their `iperf3 --version` answers.
import type { IperfFeatures } from "./command";

export type IperfVersion = { text: string; major: number; minor: number; patch: number };

/** "iperf 3.12 (cJSON 1.7.15)" -> { text: "3.12", major: 3, minor: 12, patch: 0 } */
export function parseIperfVersion(output: string): IperfVersion | null {
  const m = /\biperf\s+(\d+)\.(\d+)(?:\.(\d+))?/.exec(output);
  if (!m) return null;
  const [, major, minor, patch] = m;
  return { text: `${major}.${minor}${patch ? `.${patch}` : ""}`, major: Number(major), minor: Number(minor), patch: Number(patch ?? 0) };
}

type Version = { major: number; minor: number };
const atLeast = (v: Version | null, major: number, minor: number) => v !== null && (v.major > major || (v.major === major && v.minor >= minor));

/** --bidir arrived in iperf3 3.7. */
export const supportsBidir = (v: Version | null) => atLeast(v, 3, 7);
/** --json-stream arrived in iperf3 3.17. */
export const supportsJsonStream = (v: Version | null) => atLeast(v, 3, 17);

/** What both ends support: the server's --idle-timeout (3.7), the client's --connect-timeout (3.6). */
export function featuresOf(client: Version | null, server: Version | null): IperfFeatures {
  return {
    idleTimeout: atLeast(server, 3, 7),
    connectTimeout: atLeast(client, 3, 6),
    bidir: supportsBidir(client) && supportsBidir(server),
    jsonStream: supportsJsonStream(client),
  };
}
