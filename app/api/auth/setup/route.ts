import { json, readJson, route } from "@/lib/api/respond";
import { clientAddress, isSecureRequest, login, sessionCookie, setupAdmin } from "@/lib/auth/session";
import { parseWith, setupSchema } from "@/lib/validations/auth";

/** First run only: creates the admin account and logs it in. 409 once any account exists. */
export const POST = route(async (req) => {
  const { username, password } = parseWith(setupSchema, await readJson(req), "account");
  await setupAdmin(username, password);
  const result = await login(username, password, clientAddress(req.headers));
  const res = json({ user: result.user }, 201);
  res.headers.set("Set-Cookie", sessionCookie(result.token, isSecureRequest(req.url, req.headers), result.maxAgeSec));
  return res;
});
