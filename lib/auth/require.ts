import "server-only";
import { AppError } from "@/lib/errors";
import { authenticate, type Principal } from "./session";

/** For handlers that act on the caller's own data (tokens). proxy.ts has already let them in. */
export async function requirePrincipal(req: Request): Promise<Principal> {
  const p = await authenticate(req.headers);
  if (!p) throw new AppError("unauthorized", 401, "Log in, or send an API token as 'Authorization: Bearer <token>'");
  return p;
}
