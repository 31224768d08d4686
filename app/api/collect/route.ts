import { json, route } from "@/lib/api/respond";
import { collectAll } from "@/lib/jobs/collect";

export const dynamic = "force-dynamic";

/** Collects every host (bounded concurrency) and answers one run summary per host. */
export const POST = route(async () => json({ runs: await collectAll() }));
