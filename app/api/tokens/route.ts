import { json, readJson, route } from "@/lib/api/respond";
import { requirePrincipal } from "@/lib/auth/require";
import { hashToken, newApiToken, tokenHint } from "@/lib/auth/tokens";
import { createApiToken, listApiTokens } from "@/lib/queries/auth";
import { parseWith, tokenCreateSchema, tokenExpiry } from "@/lib/validations/auth";

/** Not revoked tokens, expired ones included (`expired: true`), with `expiresAt` (null: never). */
export const GET = route(async (req) => {
  const { user } = await requirePrincipal(req);
  return json({ items: await listApiTokens(user.id, new Date()) });
});

/** The only answer that ever contains the token: it is stored hashed. Expires in 90 days unless told otherwise. */
export const POST = route(async (req) => {
  const { user } = await requirePrincipal(req);
  const { name, expiresInDays } = parseWith(tokenCreateSchema, await readJson(req), "token");
  const token = newApiToken();
  const created = await createApiToken(user.id, name, hashToken(token), tokenHint(token), tokenExpiry(expiresInDays, new Date()));
  return json({ id: created.id, name: created.name, token, expiresAt: created.expiresAt }, 201);
});
