import { json, readJson, route } from "@/lib/api/respond";
import { createHost, listHosts } from "@/lib/queries/hosts";
import { parseHostInput } from "@/lib/validations/host";

export const dynamic = "force-dynamic";

export const GET = route(async () => json({ items: await listHosts() }));

export const POST = route(async (req) => {
  const input = parseHostInput(await readJson(req));
  return json(await createHost(input), 201);
});
