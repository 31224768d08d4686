import { describe, expect, test } from "vitest";
import { canonicalIp, clientCommand, killCommand, PROBE_COMMAND, routeCommand, serverCommand, takePid, type ClientSpec, type IperfFeatures } from "./command";
import { installHint, parseProbe } from "./install-check";

const all: IperfFeatures = { idleTimeout: true, connectTimeout: true, bidir: true, jsonStream: false };
const spec: ClientSpec = { address: "10.213.1.14", port: 5201, durationSec: 10, omitSec: 1, parallel: 1, protocol: "tcp", bitrateMbps: null, mode: "forward", connectTimeoutMs: 5000, features: all };

describe("command lines", () => {
  test("server: one-off, text intervals every second in Kbit/s, flushed, exits when idle", () => {
    expect(serverCommand({ port: 5202, bind: "10.213.1.14", idleTimeoutSec: 30, features: all })).toBe(
      `sh -c 'echo "netdiag-pid $$"; exec iperf3 -s -1 -B 10.213.1.14 -p 5202 -i 1 -f k --forceflush --idle-timeout 30'`,
    );
    expect(serverCommand({ port: 5202, bind: "10.213.1.14", idleTimeoutSec: 30, features: { ...all, idleTimeout: false } })).not.toContain("idle");
  });

  test("server: listens only on the chosen address, which must be an IP literal", () => {
    expect(serverCommand({ port: 5202, bind: "FD00::1", idleTimeoutSec: 30, features: all })).toContain("-B fd00::1 -p 5202");
    expect(() => serverCommand({ port: 5202, bind: "0.0.0.0;reboot", idleTimeoutSec: 30, features: all })).toThrow(/not an IP address/);
  });

  test("client: JSON, every parameter a checked number", () => {
    expect(clientCommand(spec)).toBe(
      `sh -c 'echo "netdiag-pid $$"; exec iperf3 -c 10.213.1.14 -p 5201 -J --forceflush -t 10 -O 1 -P 1 --connect-timeout 5000'`,
    );
    expect(clientCommand({ ...spec, mode: "reverse", parallel: 4 })).toContain("-P 4 -R");
    expect(clientCommand({ ...spec, mode: "bidir" })).toContain("--bidir");
    expect(clientCommand({ ...spec, features: { ...all, jsonStream: true } })).toContain("--json-stream");
    expect(clientCommand({ ...spec, features: { ...all, connectTimeout: false } })).not.toContain("connect-timeout");
  });

  test("UDP: target bitrate split over the streams (iperf3's -b is per stream)", () => {
    expect(clientCommand({ ...spec, protocol: "udp", bitrateMbps: 1000, parallel: 4 })).toContain("-P 4 -u -b 250000K");
    expect(clientCommand({ ...spec, protocol: "udp", bitrateMbps: 0.5 })).toContain("-u -b 500K");
    expect(() => clientCommand({ ...spec, protocol: "udp", bitrateMbps: null })).toThrow(/bitrate/);
    expect(clientCommand({ ...spec, bitrateMbps: 1000 })).toContain("-P 1 -b 1000000K");
  });

  test.each([
    ["address with a command", { address: "10.0.0.1; reboot" }],
    ["address as a name", { address: "nas.lan" }],
    ["address with a zone id", { address: "fe80::1%eth0" }],
    ["address with a quote", { address: "10.0.0.1'" }],
    ["duration above 60", { durationSec: 61 }],
    ["duration as a fraction", { durationSec: 1.5 }],
    ["parallel 17", { parallel: 17 }],
    ["NaN", { omitSec: Number.NaN }],
    ["port below 1024", { port: 22 }],
    ["protocol", { protocol: "sctp" as "tcp" }],
    ["bitrate", { bitrateMbps: -1 }],
    ["bidir on an old iperf3", { mode: "bidir" as const, features: { ...all, bidir: false } }],
  ])("refused: %s", (_name, over) => {
    expect(() => clientCommand({ ...spec, ...over })).toThrow();
  });

  test("IPv6 literals are canonical; brackets stripped", () => {
    expect(canonicalIp("[FD00:1::16]")).toBe("fd00:1::16");
    expect(canonicalIp("010.1.1.1")).toBeNull();
    expect(clientCommand({ ...spec, address: "FD00::1" })).toContain("-c fd00::1 ");
  });

  test("route, kill, probe", () => {
    expect(routeCommand("10.213.1.14")).toBe(`sh -c 'ip route get 10.213.1.14 2>&1 || route -n get 10.213.1.14 2>&1'`);
    expect(killCommand([123, 456])).toBe(`sh -c 'kill -TERM 123 456 2>/dev/null; true'`);
    expect(() => killCommand([1])).toThrow();
    expect(() => killCommand([])).toThrow();
    expect(PROBE_COMMAND).toMatch(/^sh -c 'if command -v iperf3/);
  });

  test("takePid", () => {
    expect(takePid('netdiag-pid 4242\n{\n"a": 1}')).toEqual({ pid: 4242, rest: '{\n"a": 1}' });
    expect(takePid("{}")).toEqual({ pid: null, rest: "{}" });
  });
});

describe("probe", () => {
  test("found: the version line", () => {
    expect(parseProbe("iperf 3.12 (cJSON 1.7.15)\n")).toEqual({ found: true, version: { text: "3.12", major: 3, minor: 12, patch: 0 }, raw: "iperf 3.12 (cJSON 1.7.15)" });
  });

  test("missing on Debian (captured on a lab host with iperf3 hidden): apt", () => {
    const p = parseProbe('netdiag: iperf3 not found\nLinux\nID=debian\n');
    expect(p).toEqual({ found: false, os: "Linux", distroIds: ["debian"] });
    if (!p.found) expect(installHint({ ...p, platform: null })).toBe("install it with `apt install iperf3`");
  });

  test.each([
    [{ os: "Linux", distroIds: ["rocky", "rhel", "centos", "fedora"], platform: null }, "dnf install iperf3"],
    [{ os: "Linux", distroIds: ["alpine"], platform: "linux" }, "apk add iperf3"],
    [{ os: "Linux", distroIds: [], platform: null }, "package manager"],
    [{ os: "FreeBSD", distroIds: [], platform: null }, "pkg install iperf3"],
    [{ os: "Darwin", distroIds: [], platform: null }, "brew install iperf3"],
    [{ os: "VMkernel", distroIds: [], platform: null }, "vsan"],
    [{ os: null, distroIds: [], platform: "windows" }, "winget"],
  ])("install hint %j", (p, text) => {
    expect(installHint(p)).toContain(text);
  });
});
