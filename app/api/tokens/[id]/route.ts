import { route } from "@/lib/api/respond";
import { requirePrincipal } from "@/lib/auth/require";
import { revokeApiToken } from "@/lib/queries/auth";
import { parseId } from "@/lib/validations/host";

type Ctx = { params: Promise<{ id: string }> };

export const DELETE = route<Ctx>(async (req, { params }) => {
  const { user } = await requirePrincipal(req);
  await revokeApiToken(user.id, parseId((await params).id, "Token"), new Date());
  return new Response(null, { status: 204 });
});
