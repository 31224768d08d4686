import { json, readJson } from "@/lib/api/respond";
import { requirePrincipal } from "@/lib/auth/require";
import { changePassword, clientAddress } from "@/lib/auth/session";
import { throttledRoute } from "@/lib/auth/throttle";
import { parseWith, passwordChangeSchema } from "@/lib/validations/auth";

/** A new password, given the current one: this session and the API tokens stay, other sessions end. */
export const POST = throttledRoute(async (req) => {
  const principal = await requirePrincipal(req);
  const { currentPassword, newPassword } = parseWith(passwordChangeSchema, await readJson(req), "password change");
  const { sessionsEnded } = await changePassword(principal, currentPassword, newPassword, clientAddress(req.headers));
  return json({ ok: true as const, sessionsEnded });
});
