import "server-only";
import { AppError } from "@/lib/errors";
import { authenticate, refusal, type Principal } from "./session";

/** For handlers that act on the caller's own data (tokens). proxy.ts has already let them in. */
export async function requirePrincipal(req: Request): Promise<Principal> {
  const p = await authenticate(req.headers);
  if (!p) {
    const { code, message } = await refusal(req.headers);
    throw new AppError(code, 401, message);
  }
  return p;
}
