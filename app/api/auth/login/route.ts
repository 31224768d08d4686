import { json, readJson } from "@/lib/api/respond";
import { clientAddress, isSecureRequest, login, sessionCookie } from "@/lib/auth/session";
import { throttledRoute } from "@/lib/auth/throttle";
import { loginSchema, parseWith } from "@/lib/validations/auth";

export const POST = throttledRoute(async (req) => {
  const { username, password } = parseWith(loginSchema, await readJson(req), "login");
  const result = await login(username, password, clientAddress(req.headers));
  const res = json({ user: result.user });
  res.headers.set("Set-Cookie", sessionCookie(result.token, isSecureRequest(req.url, req.headers), result.maxAgeSec));
  return res;
});
