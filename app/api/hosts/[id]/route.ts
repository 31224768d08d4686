import { json, readJson, route } from "@/lib/api/respond";
import { deleteHost, getHost, updateHost } from "@/lib/queries/hosts";
import { parseHostPatch, parseId } from "@/lib/validations/host";

type Ctx = { params: Promise<{ id: string }> };

export const GET = route<Ctx>(async (_req, { params }) => json(await getHost(parseId((await params).id))));

export const PATCH = route<Ctx>(async (req, { params }) => {
  const id = parseId((await params).id);
  return json(await updateHost(id, parseHostPatch(await readJson(req))));
});

export const DELETE = route<Ctx>(async (_req, { params }) => {
  await deleteHost(parseId((await params).id));
  return new Response(null, { status: 204 });
});
