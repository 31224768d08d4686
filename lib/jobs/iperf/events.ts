import "server-only";
import { getIperfRunDetail } from "@/lib/queries/iperf-runs";
import { replay, subscribe } from "./live";
import { getIperfRunView, isActive } from "./queue";
import type { LiveEvent } from "@/lib/domain/iperf";

// One SSE stream per watcher of a run: the current state, what already happened (so a page
// opened mid-test draws the chart from the start), then live events until `done`.

const FINAL = new Set(["done", "failed", "cancelled"]);
const PING_MS = 15_000;
/** A run another process runs (a site's collector) is followed in the database this often. */
const FOLLOW_MS = 3_000;

export async function liveStream(id: number, signal: AbortSignal): Promise<ReadableStream<Uint8Array>> {
  const first = await getIperfRunView(id); // a missing run is a 404 before any stream starts
  const enc = new TextEncoder();
  let cleanup = () => {};
  return new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      const write = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(enc.encode(text));
        } catch {
          close();
        }
      };
      const send = (e: LiveEvent) => {
        write(`event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`);
        if (e.type === "done") close();
      };
      const close = () => {
        if (closed) return;
        closed = true;
        cleanup();
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      const sendDoneIfFinal = async () => {
        try {
          const d = await getIperfRunDetail(id);
          if (FINAL.has(d.status)) send({ type: "done", run: d });
        } catch {
          close();
        }
      };

      write("retry: 3000\n\n");
      if (FINAL.has(first.status)) {
        void sendDoneIfFinal();
        return;
      }
      // Replay and subscribe in the same tick: nothing published in between is lost or doubled.
      const past = replay(id);
      const unsubscribe = subscribe(id, send);
      // A run this process does not run (finished meanwhile, or run by another process) is
      // followed in the database instead of waiting for events that never come: its state
      // changes and its result, not its per-second intervals.
      let shown = first.status;
      const follow = setInterval(() => {
        if (isActive(id)) return;
        void getIperfRunView(id)
          .then((run) => {
            if (FINAL.has(run.status)) return sendDoneIfFinal();
            if (run.status !== shown) send({ type: "state", run });
            shown = run.status;
          })
          .catch(() => close());
      }, FOLLOW_MS);
      const ping = setInterval(() => write(": ping\n\n"), PING_MS);
      const onAbort = () => close();
      cleanup = () => {
        unsubscribe();
        clearInterval(ping);
        clearInterval(follow);
        signal.removeEventListener("abort", onAbort);
      };
      signal.addEventListener("abort", onAbort);
      send({ type: "state", run: first });
      for (const e of past) send(e);
      if (!isActive(id)) void sendDoneIfFinal();
    },
    cancel() {
      cleanup();
    },
  });
}
