import { describe, expect, test } from "vitest";
import type { Exec, ExecResult } from "@/lib/domain/snapshot";
import { SshChannelError } from "@/lib/ssh/errors";
import { HOSTNAME_COMMAND } from "./hostname";
import { linuxCollector } from "./index";
import { IP_ADDR_COMMAND } from "./ip-addr";
import { IP_ADDR_TEXT_COMMAND } from "./ip-addr-text";
import { IP_LINK_COMMAND } from "./ip-link";
import { IP_LINK_TEXT_COMMAND } from "./ip-link-text";
import { IP_NEIGH_COMMAND } from "./ip-neigh";
import { IP_NEIGH_TEXT_COMMAND } from "./ip-neigh-text";
import { LAB_ADDRESSES, LAB_NEIGHBORS } from "./lab-expected";
import { LINK_SPEED_COMMAND } from "./link-speed";
import { CommandFailedError } from "@/lib/collect/common/run-step";
import { readCapture, readOwn } from "./test-fixtures";
import { UNAME_COMMAND } from "./uname";

type Reply = ExecResult | Error;

const ok = (stdout: string): ExecResult => ({ stdout, stderr: "", exitCode: 0, durationMs: 7 });
const exited = (exitCode: number, stderr: string): ExecResult => ({ stdout: "", stderr, exitCode, durationMs: 3 });
const NO_JSON = exited(255, 'Option "-j" is unknown, try "ip -help".\n');

// Replays the ndp- lab captures, keyed by the exact command string.
const LAB: Record<string, Reply> = {
  [IP_LINK_COMMAND]: ok(readOwn("ip-j-s-d-link-show.txt")),
  [IP_LINK_TEXT_COMMAND]: ok(readOwn("ip-s-d-link-show.txt")),
  [IP_ADDR_COMMAND]: ok(readOwn("ip-j-addr-show.txt")),
  [IP_ADDR_TEXT_COMMAND]: ok(readOwn("ip-addr-show.txt")),
  [IP_NEIGH_COMMAND]: ok(readOwn("ip-j-neigh-show.txt")),
  [IP_NEIGH_TEXT_COMMAND]: ok(readOwn("ip-neigh-show.txt")),
  [LINK_SPEED_COMMAND]: ok(readOwn("link-speed-ethtool.txt")),
  [HOSTNAME_COMMAND]: ok(readOwn("uname-n.txt")),
  [UNAME_COMMAND]: ok(readOwn("uname-srm.txt")),
};

function replay(overrides: Record<string, Reply> = {}): Exec & { calls: string[] } {
  const replies = { ...LAB, ...overrides };
  const calls: string[] = [];
  const exec = async (command: string) => {
    calls.push(command);
    const reply = replies[command];
    if (reply === undefined) throw new Error(`unexpected command: ${command}`);
    if (reply instanceof Error) throw reply;
    return reply;
  };
  return Object.assign(exec, { calls });
}

const channelDied = () => new SshChannelError("channel", "The connection closed.", { address: "10.0.0.9", port: 22 });

describe("linuxCollector.collect", () => {
  test("iproute2 with JSON: every command once, rows joined by interface name", async () => {
    const exec = replay();
    const snapshot = await linuxCollector.collect(exec);

    expect(exec.calls.sort()).toEqual(
      [IP_LINK_COMMAND, IP_ADDR_COMMAND, IP_NEIGH_COMMAND, LINK_SPEED_COMMAND, HOSTNAME_COMMAND, UNAME_COMMAND].sort(),
    );
    expect(snapshot).toMatchObject({ platform: "linux", hostname: "vm", kernel: "Linux 6.18.44-fc-v669 x86_64" });
    expect(snapshot.neighbors).toEqual(LAB_NEIGHBORS);
    expect(Object.fromEntries(snapshot.interfaces.map((row) => [row.name, row.addresses]))).toEqual(LAB_ADDRESSES);
    expect(snapshot.interfaces.find((row) => row.name === "br0")).toEqual({
      name: "br0",
      kind: "bridge",
      mac: "e6:49:44:2e:e3:8b",
      permanentMac: null,
      mtu: 9000,
      state: "up",
      speedMbps: 10000,
      duplex: null,
      driver: "bridge",
      // a bridge prints both mode headings as "Not reported" and no partner heading
      linkModes: { supported: [], advertised: [], partner: null, autoneg: false },
      addresses: ["10.77.0.1/24", "fd00:77::1/64", "fe80::e449:44ff:fe2e:e38b/64"],
      rxBytes: 1692n,
      txBytes: 3424n,
      rxPackets: 23n,
      txPackets: 44n,
      rxErrors: 0n,
      txErrors: 0n,
      rxDropped: 0n,
      txDropped: 0n,
    });
    expect(snapshot.interfaces.find((row) => row.name === "ndp-va")).toMatchObject({ duplex: "full", driver: "veth", mtu: 9000 });
    expect(snapshot.commands).toEqual(
      [IP_LINK_COMMAND, IP_ADDR_COMMAND, IP_NEIGH_COMMAND, LINK_SPEED_COMMAND, HOSTNAME_COMMAND, UNAME_COMMAND].map(
        (command) => ({ command, ok: true, durationMs: 7 }),
      ),
    );
  });

  test("runs the commands in parallel (one SSH connection, several channels)", async () => {
    const started: string[] = [];
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const exec: Exec = async (command) => {
      started.push(command);
      await gate;
      const reply = LAB[command];
      if (!reply || reply instanceof Error) throw new Error(command);
      return reply;
    };
    const collecting = linuxCollector.collect(exec);
    await Promise.resolve();
    expect(started).toHaveLength(6);
    release();
    await expect(collecting).resolves.toMatchObject({ hostname: "vm" });
  });

  test("iproute2 without -j: text fallbacks give the same snapshot, replacedBy recorded", async () => {
    const json = await linuxCollector.collect(replay());
    const text = await linuxCollector.collect(
      replay({ [IP_LINK_COMMAND]: NO_JSON, [IP_ADDR_COMMAND]: NO_JSON, [IP_NEIGH_COMMAND]: NO_JSON }),
    );

    expect(text.interfaces).toEqual(json.interfaces);
    expect(text.neighbors).toEqual(json.neighbors);
    expect(text.commands.map((c) => [c.command, c.ok, c.replacedBy])).toEqual([
      [IP_LINK_COMMAND, false, IP_LINK_TEXT_COMMAND],
      [IP_LINK_TEXT_COMMAND, true, undefined],
      [IP_ADDR_COMMAND, false, IP_ADDR_TEXT_COMMAND],
      [IP_ADDR_TEXT_COMMAND, true, undefined],
      [IP_NEIGH_COMMAND, false, IP_NEIGH_TEXT_COMMAND],
      [IP_NEIGH_TEXT_COMMAND, true, undefined],
      [LINK_SPEED_COMMAND, true, undefined],
      [HOSTNAME_COMMAND, true, undefined],
      [UNAME_COMMAND, true, undefined],
    ]);
    expect(text.commands[0]?.error).toBe('exit 255: Option "-j" is unknown, try "ip -help".');
  });

  test("permanentMac from ip link and linkModes from ethtool are joined to the row by name", async () => {
    // The bond host published `ip link show` but no ethtool output: another host's capture of a
    // 2.5 GbE NIC stands in for its slave's, under the "== <ifname>" header the script prints.
    const ethtool = readCapture("ethtool-2500baseT-at-1000__adrielep-test-ganl1401.txt");
    const snapshot = await linuxCollector.collect(
      replay({
        [IP_LINK_COMMAND]: NO_JSON,
        [IP_LINK_TEXT_COMMAND]: ok(readCapture("ip-link-show-bond-permaddr__chuckstack-incus-netbird.txt")),
        [LINK_SPEED_COMMAND]: ok(`== enp1s0f1\n${ethtool}`),
      }),
    );

    expect(snapshot.interfaces.find((row) => row.name === "enp1s0f1")).toMatchObject({
      mac: "3c:ec:ef:b1:ff:de",
      permanentMac: "3c:ec:ef:b1:ff:df",
      speedMbps: 1000,
      duplex: "full",
      linkModes: { advertised: expect.arrayContaining(["2500baseT/Full"]), partner: expect.not.arrayContaining(["2500baseT/Full"]), autoneg: true },
    });
    // every row has both fields, null where nothing was said
    expect(snapshot.interfaces.find((row) => row.name === "enp1s0f0")).toMatchObject({ permanentMac: null, linkModes: null });
  });

  test("one command failing: the snapshot is still returned, that outcome is ok:false", async () => {
    const died = channelDied();
    const snapshot = await linuxCollector.collect(
      replay({ [LINK_SPEED_COMMAND]: died, [UNAME_COMMAND]: exited(127, "sh: 1: uname: not found\n") }),
    );

    expect(snapshot.interfaces).toHaveLength(7);
    expect(snapshot.interfaces.every((row) => row.speedMbps === null && row.driver === null && row.linkModes === null)).toBe(true);
    expect(snapshot.kernel).toBeNull();
    expect(snapshot.commands.find((c) => c.command === LINK_SPEED_COMMAND)).toMatchObject({ ok: false, error: died.message });
    expect(snapshot.commands.find((c) => c.command === UNAME_COMMAND)).toEqual({
      command: UNAME_COMMAND,
      ok: false,
      durationMs: 3,
      error: "exit 127: sh: 1: uname: not found",
    });
  });

  test("garbage output: unreadable lines recorded as skipped, JSON that does not parse falls back to text", async () => {
    const link = readOwn("ip-j-s-d-link-show.txt").replace('"ifname":"vx0"', '"ifname":null');
    const snapshot = await linuxCollector.collect(
      replay({
        [IP_LINK_COMMAND]: ok(link),
        [IP_NEIGH_COMMAND]: ok(readOwn("ip-j-neigh-show.txt").slice(0, 120)),
        [LINK_SPEED_COMMAND]: ok(`${readOwn("link-speed-ethtool.txt")}\tSpeed: 2.5Gb/s\n`),
      }),
    );

    expect(snapshot.interfaces.map((row) => row.name)).not.toContain("vx0");
    expect(snapshot.neighbors).toEqual(LAB_NEIGHBORS);
    const byCommand = new Map(snapshot.commands.map((c) => [c.command, c]));
    expect(byCommand.get(IP_LINK_COMMAND)).toMatchObject({ ok: true, skipped: [{ reason: expect.stringContaining("ifname") }] });
    expect(byCommand.get(IP_NEIGH_COMMAND)).toMatchObject({
      ok: false,
      replacedBy: IP_NEIGH_TEXT_COMMAND,
      error: expect.stringMatching(/^output did not parse: not valid JSON/),
      skipped: [{ line: readOwn("ip-j-neigh-show.txt").slice(0, 120) }],
    });
    expect(byCommand.get(IP_NEIGH_TEXT_COMMAND)).toEqual({ command: IP_NEIGH_TEXT_COMMAND, ok: true, durationMs: 7 });
    expect(byCommand.get(LINK_SPEED_COMMAND)).toMatchObject({
      ok: true,
      skipped: [{ line: "\tSpeed: 2.5Gb/s", reason: "unrecognized speed" }],
    });
  });

  test("neighbors unreadable in both forms: snapshot kept with empty neighbors", async () => {
    const snapshot = await linuxCollector.collect(
      replay({ [IP_NEIGH_COMMAND]: NO_JSON, [IP_NEIGH_TEXT_COMMAND]: ok("<html>proxy error</html>\n") }),
    );
    expect(snapshot.interfaces).toHaveLength(7);
    expect(snapshot.neighbors).toEqual([]);
    expect(snapshot.commands.find((c) => c.command === IP_NEIGH_TEXT_COMMAND)).toMatchObject({
      ok: false,
      skipped: [{ line: "<html>proxy error</html>", reason: "not a neighbor entry" }],
    });
  });

  test("links and neighbors both fail with a dead connection: that typed error is rethrown as is", async () => {
    const died = channelDied();
    const exec = replay(Object.fromEntries(Object.keys(LAB).map((command) => [command, died])));
    await expect(linuxCollector.collect(exec)).rejects.toBe(died);
    // no text fallback after a thrown exec error
    expect(exec.calls).not.toContain(IP_LINK_TEXT_COMMAND);
  });

  test("links and neighbors both fail by exit status (no ip at all): CommandFailedError", async () => {
    const missing = exited(127, "sh: 1: ip: not found\n");
    const exec = replay({
      [IP_LINK_COMMAND]: missing,
      [IP_LINK_TEXT_COMMAND]: missing,
      [IP_ADDR_COMMAND]: missing,
      [IP_ADDR_TEXT_COMMAND]: missing,
      [IP_NEIGH_COMMAND]: missing,
      [IP_NEIGH_TEXT_COMMAND]: missing,
    });
    const failure = linuxCollector.collect(exec);
    await expect(failure).rejects.toBeInstanceOf(CommandFailedError);
    await expect(failure).rejects.toMatchObject({ command: IP_LINK_TEXT_COMMAND, exitCode: 127 });
  });
});
