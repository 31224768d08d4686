import { json, readJson, route } from "@/lib/api/respond";
import { requirePrincipal } from "@/lib/auth/require";
import { clearedSessionCookie, isSecureRequest, logoutEverywhere } from "@/lib/auth/session";
import { logoutEverywhereSchema, parseWith } from "@/lib/validations/auth";

/** "Log out everywhere": every session of the user ends, this one too; tokens too unless keepTokens. */
export const POST = route(async (req) => {
  const principal = await requirePrincipal(req);
  const { keepTokens } = parseWith(logoutEverywhereSchema, await readJson(req), "request");
  const ended = await logoutEverywhere(principal, keepTokens);
  const res = json({ ok: true as const, ...ended });
  res.headers.set("Set-Cookie", clearedSessionCookie(isSecureRequest(req.url, req.headers)));
  return res;
});
