// The browser side of GET /api/iperf/runs/:id/events (Server-Sent Events, lib/jobs/iperf/events.ts).
// Each message's data is checked against the LiveEvent schema; one that does not match is
// dropped with a console warning: a later event or the final `done` brings the page up to date.
import { liveEventSchema } from "@/lib/domain/api-schemas";
import type { LiveEvent } from "@/lib/domain/iperf";

export const LIVE_EVENT_TYPES = ["state", "progress", "interval", "done"] as const satisfies readonly LiveEvent["type"][];
type LiveEventType = (typeof LIVE_EVENT_TYPES)[number];

/** What openLiveRun needs of an EventSource (tests pass a fake). */
export type EventStream = {
  addEventListener(type: string, listener: (message: { data: unknown }) => void): void;
  close(): void;
};

function drop(type: LiveEventType, why: string): null {
  console.warn(`netdiag: ignored a "${type}" event of the live run stream: ${why}`);
  return null;
}

/** One message's data as a LiveEvent of the type it was sent as, or null (warned) when it is not one. */
export function parseLiveEvent(type: LiveEventType, data: unknown): LiveEvent | null {
  if (typeof data !== "string") return drop(type, "no text data");
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return drop(type, "data is not JSON");
  }
  const parsed = liveEventSchema.safeParse(json);
  if (!parsed.success) return drop(type, parsed.error.issues.map((i) => `${i.path.join(".") || "data"}: ${i.message}`).join("; "));
  if (parsed.data.type !== type) return drop(type, `data says "${parsed.data.type}"`);
  return parsed.data;
}

/**
 * Follows one run's live events until closed; returns the close function. EventSource
 * reconnects by itself and the server then replays the run so far, so events can repeat.
 */
export function openLiveRun(
  runId: number,
  onEvent: (event: LiveEvent) => void,
  open: (url: string) => EventStream = (url) => new EventSource(url),
): () => void {
  const stream = open(`/api/iperf/runs/${runId}/events`);
  for (const type of LIVE_EVENT_TYPES) {
    stream.addEventListener(type, (message) => {
      const event = parseLiveEvent(type, message.data);
      if (event) onEvent(event);
    });
  }
  return () => stream.close();
}
