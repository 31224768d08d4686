import { json, route } from "@/lib/api/respond";
import { checkHealth } from "@/lib/queries/health";

export const dynamic = "force-dynamic";

export const GET = route(async () => {
  const health = await checkHealth();
  return json(health, health.ok ? 200 : 503);
});
