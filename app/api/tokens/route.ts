import { json, readJson, route } from "@/lib/api/respond";
import { requirePrincipal } from "@/lib/auth/require";
import { hashToken, newApiToken, tokenHint } from "@/lib/auth/tokens";
import { createApiToken, listApiTokens } from "@/lib/queries/auth";
import { parseWith, tokenCreateSchema } from "@/lib/validations/auth";

export const GET = route(async (req) => {
  const { user } = await requirePrincipal(req);
  return json({ items: await listApiTokens(user.id) });
});

/** The only answer that ever contains the token: it is stored hashed. */
export const POST = route(async (req) => {
  const { user } = await requirePrincipal(req);
  const { name } = parseWith(tokenCreateSchema, await readJson(req), "token");
  const token = newApiToken();
  const created = await createApiToken(user.id, name, hashToken(token), tokenHint(token));
  return json({ id: created.id, name: created.name, token }, 201);
});
