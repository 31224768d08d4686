import "server-only";
import type { Interface, Neighbor, Run } from "@/lib/generated/prisma/client";
import type { InterfaceView, NeighborView, RunDetail, RunSummary } from "@/lib/domain/views";

import { decode, num } from "./codec";

// BigInt and Date conversion lives here, not in pages (shared/CONVENTIONS.md).

export function toRunSummary(r: Run): RunSummary {
  return {
    hostId: r.hostId,
    runId: r.id,
    status: decode.runStatus(r.status),
    error: r.error,
    errorCode: r.errorCode,
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
  };
}

export function toRunDetail(r: Run): RunDetail {
  return { ...toRunSummary(r), durationMs: r.durationMs, commands: decode.commands(r.commands), shellStarts: r.shellStarts, channels: r.channels };
}

export function toInterfaceView(i: Interface): InterfaceView {
  return {
    name: i.name,
    kind: i.kind,
    mac: i.mac,
    mtu: i.mtu,
    state: i.state,
    speedMbps: i.speedMbps,
    duplex: i.duplex,
    driver: i.driver,
    permanentMac: i.permanentMac,
    linkModes: decode.linkModes(i.linkModes),
    addresses: decode.addresses(i.addresses),
    rxBytes: num(i.rxBytes),
    txBytes: num(i.txBytes),
    rxPackets: num(i.rxPackets),
    txPackets: num(i.txPackets),
    rxErrors: num(i.rxErrors),
    txErrors: num(i.txErrors),
    rxDropped: num(i.rxDropped),
    txDropped: num(i.txDropped),
  };
}

export function toNeighborView(n: Neighbor): NeighborView {
  return { ip: n.ip, mac: n.mac, interface: n.interface, state: n.state, router: n.router };
}
