import type { InterfaceView, InterfaceWithRates } from "@/lib/domain/views";

type Counters = Pick<InterfaceView, "name" | "rxBytes" | "txBytes">;

/** bits/s between two counter readings; null across a counter reset (reboot, driver reload) or no time. */
export function bitsPerSecond(now: number | null, before: number | null, seconds: number): number | null {
  if (now === null || before === null || seconds <= 0 || now < before) return null;
  return ((now - before) * 8) / seconds;
}

/** Joins each interface to its previous reading by name; pure, the caller passes both snapshots. */
export function withRates(
  current: InterfaceView[],
  previous: Counters[] | null,
  seconds: number | null,
): InterfaceWithRates[] {
  const before = new Map((previous ?? []).map((i) => [i.name, i]));
  return current.map((i) => {
    const p = before.get(i.name);
    if (!p || seconds === null) return { ...i, rxBitsPerSecond: null, txBitsPerSecond: null };
    return {
      ...i,
      rxBitsPerSecond: bitsPerSecond(i.rxBytes, p.rxBytes, seconds),
      txBitsPerSecond: bitsPerSecond(i.txBytes, p.txBytes, seconds),
    };
  });
}
