import { route } from "@/lib/api/respond";
import { env } from "@/lib/env";
import { NotFoundError } from "@/lib/errors";
import { CONTENT_TYPE, renderMetrics } from "@/lib/metrics/render";
import { getMetricsSnapshot } from "@/lib/queries/metrics";

export const dynamic = "force-dynamic";

/** Prometheus scrape target (README "Prometheus and Grafana"); proxy.ts lets only API tokens through. */
export const GET = route(async () => {
  // proxy.ts answers 404 first; this covers the handler reached some other way (tests).
  if (!env().metricsEnabled) throw new NotFoundError("/metrics (NETDIAG_METRICS=off)");
  const text = await renderMetrics(await getMetricsSnapshot(new Date()));
  return new Response(text, { headers: { "content-type": CONTENT_TYPE, "cache-control": "no-store" } });
});
