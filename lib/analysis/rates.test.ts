import { describe, expect, test } from "vitest";
import { bitsPerSecond, withRates } from "./rates";
import type { InterfaceView } from "@/lib/domain/views";

const nic = (name: string, rxBytes: number | null, txBytes: number | null): InterfaceView => ({
  name, kind: "ether", mac: null, mtu: 1500, state: "up", speedMbps: 1000, duplex: "full", driver: null,
  addresses: [], rxBytes, txBytes, rxPackets: null, txPackets: null, rxErrors: null, txErrors: null,
  rxDropped: null, txDropped: null,
});

describe("interface rates", () => {
  test.each([
    ["1 MB in 8 s is 1 Mbit/s", 2_000_000, 1_000_000, 8, 1_000_000],
    ["idle link", 500, 500, 60, 0],
    ["counter reset after a reboot gives no rate", 10, 5_000, 60, null],
    ["no elapsed time gives no rate", 2_000, 1_000, 0, null],
  ])("%s", (_name, now, before, seconds, expected) => {
    expect(bitsPerSecond(now, before, seconds)).toBe(expected);
  });

  test("joins by interface name and leaves new interfaces without a rate", () => {
    const rows = withRates([nic("eth0", 1_000_000, 3_000), nic("eth1", 10, 10)], [nic("eth0", 0, 1_000)], 10);
    expect(rows[0]).toMatchObject({ name: "eth0", rxBitsPerSecond: 800_000, txBitsPerSecond: 1_600 });
    expect(rows[1]).toMatchObject({ name: "eth1", rxBitsPerSecond: null, txBitsPerSecond: null });
  });

  test("no previous snapshot: every rate is null", () => {
    expect(withRates([nic("eth0", 5, 5)], null, null)[0]?.rxBitsPerSecond).toBeNull();
  });
});
