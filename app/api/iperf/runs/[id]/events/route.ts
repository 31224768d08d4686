import { route } from "@/lib/api/respond";
import { liveStream } from "@/lib/jobs/iperf/events";
import { parseId } from "@/lib/validations/host";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };

/**
 * Server-Sent Events: `state` (queued with position, running), `progress`, `interval` (one
 * per second and direction), then `done` with the stored run, after which the stream ends.
 */
export const GET = route<Ctx>(async (req, { params }) => {
  const stream = await liveStream(parseId((await params).id, "Run"), req.signal);
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    },
  });
});
