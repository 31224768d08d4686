import { json, route } from "@/lib/api/respond";
import { clearedSessionCookie, isSecureRequest, logout } from "@/lib/auth/session";

export const POST = route(async (req) => {
  await logout(req.headers);
  const res = json({ ok: true });
  res.headers.set("Set-Cookie", clearedSessionCookie(isSecureRequest(req.url, req.headers)));
  return res;
});
