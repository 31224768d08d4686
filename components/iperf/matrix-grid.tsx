import { ScrollRegion } from "@/components/ui/scroll-region";
import type { MatrixCell, MatrixHost } from "@/lib/domain/iperf";
import { STALE_AFTER_MS } from "./matrix-age";
import { MatrixCellView } from "./matrix-cell";

// Opaque, so cells scrolling sideways pass under the host names instead of showing through.
const STICKY = "sticky left-0 z-10 bg-zinc-900";
// A 64-character host name must wrap rather than make the sticky column as wide as a phone.
const NAME = "max-w-32 px-2 py-1 font-medium text-zinc-300 [overflow-wrap:anywhere]";

/** Every host as sender (row) and receiver (column); the cells say what was measured and when. */
export function MatrixGrid({ hosts, cells, nowMs }: { hosts: MatrixHost[]; cells: MatrixCell[]; nowMs: number }) {
  const at = new Map(cells.map((c) => [`${c.fromId}>${c.toId}`, c]));
  return (
    <div className="p-4">
      <ScrollRegion label="Throughput matrix">
        <table aria-label="Throughput matrix: rows send, columns receive" className="border-separate border-spacing-1 text-xs tabular-nums">
          <thead>
            <tr>
              <th scope="col" className={`${STICKY} whitespace-nowrap px-2 text-left font-medium text-zinc-400`}>
                from ↓ to →
              </th>
              {hosts.map((h) => (
                <th key={h.id} scope="col" className={NAME}>
                  {h.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {hosts.map((from) => (
              <tr key={from.id}>
                <th scope="row" className={`${STICKY} ${NAME} text-left`}>
                  {from.name}
                </th>
                {hosts.map((to) => (
                  <MatrixCellView key={to.id} from={from} to={to} cell={at.get(`${from.id}>${to.id}`)} nowMs={nowMs} />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <p className="mt-3 text-xs text-zinc-400">
        Colour: share of the slower NIC&apos;s reported link speed. Green at least 70%, amber 40–70%, red below 40%. Blue: no usable link speed, either none
        reported or the test ran faster than it (virtual NICs such as veth, virtio and vmxnet3 report a nominal 10 Gbit/s), so no percentage is shown. A
        dashed border marks a result older than {STALE_AFTER_MS / 86_400_000} days.
      </p>
    </div>
  );
}
