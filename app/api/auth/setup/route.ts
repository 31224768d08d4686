import { json, readJson } from "@/lib/api/respond";
import { clientAddress, isSecureRequest, login, needsSetup, sessionCookie, setupAdmin } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { throttledRoute } from "@/lib/auth/throttle";
import { parseWith, setupSchema } from "@/lib/validations/auth";

/**
 * First run only: creates the admin account and logs it in. Needs the setup code from the
 * server log and a Host that is an IP, localhost or NETDIAG_ALLOWED_HOSTS; 409 once any account exists.
 */
export const POST = throttledRoute(async (req) => {
  // Once set up, whatever the body: the answer to "may I create the admin?" is no.
  if (!(await needsSetup())) throw new AppError("already_set_up", 409, "An account already exists; log in instead");
  const body = parseWith(setupSchema, await readJson(req), "account");
  await setupAdmin(body, req.headers);
  const result = await login(body.username, body.password, clientAddress(req.headers));
  const res = json({ user: result.user }, 201);
  res.headers.set("Set-Cookie", sessionCookie(result.token, isSecureRequest(req.url, req.headers), result.maxAgeSec));
  return res;
});
