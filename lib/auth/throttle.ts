import "server-only";
import { errorResponse, route } from "@/lib/api/respond";
import { AppError } from "@/lib/errors";

/** 429 (this client tried too often) or 503 (the server is busy hashing): both say when to retry. */
export class RetryLaterError extends AppError {
  constructor(
    code: "rate_limited" | "busy",
    message: string,
    readonly retryAfterSec: number,
  ) {
    super(code, code === "busy" ? 503 : 429, message);
  }
}

export function rateLimited(retryAfterMs: number): RetryLaterError {
  const minutes = Math.ceil(retryAfterMs / 60_000);
  return new RetryLaterError("rate_limited", `Too many failed logins; try again in ${minutes} minute(s)`, Math.ceil(retryAfterMs / 1000));
}

export function busy(retryAfterMs: number): RetryLaterError {
  return new RetryLaterError("busy", "The server is busy checking other logins; try again in a few seconds", Math.ceil(retryAfterMs / 1000));
}

type Handler<C> = (req: Request, ctx: C) => Promise<Response>;

/** route() for handlers that check passwords: RetryLaterError answers carry Retry-After. */
export function throttledRoute<C>(handler: Handler<C>): Handler<C> {
  return route<C>(async (req, ctx) => {
    try {
      return await handler(req, ctx);
    } catch (err) {
      if (!(err instanceof RetryLaterError)) throw err;
      const res = errorResponse(err.code, err.message, err.status);
      res.headers.set("Retry-After", String(Math.max(1, err.retryAfterSec)));
      return res;
    }
  });
}
