import "server-only";
import { NextResponse } from "next/server";
import { AppError } from "@/lib/errors";
import { MAX_BODY_BYTES } from "./body-limit";

type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string> } };

export function json<T>(data: T, status = 200): NextResponse<T> {
  return NextResponse.json(data, { status });
}

export function errorResponse(code: string, message: string, status: number, fields?: Record<string, string>) {
  const body: ErrorBody = { error: { code, message, ...(fields ? { fields } : {}) } };
  return NextResponse.json(body, { status });
}

/** Reads a JSON body; a missing, oversized or malformed one is the client's error, not a 500. */
export async function readJson(req: Request): Promise<unknown> {
  const buf = await readCapped(req);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(buf);
  } catch {
    throw new AppError("bad_encoding", 400, "The request body is not valid UTF-8");
  }
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError("bad_json", 400, "The request body is not valid JSON");
  }
}

/**
 * proxy.ts refuses a declared Content-Length over the cap; a chunked body declares none, so
 * it is read here piece by piece and dropped as soon as it passes the cap, never buffered whole.
 */
async function readCapped(req: Request): Promise<Buffer> {
  if (!req.body) return Buffer.alloc(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => {});
      throw new AppError("too_large", 413, "Request bodies are limited to 1 MB");
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** The one place thrown errors become HTTP answers. Unknown errors answer 500 without details. */
export function toErrorResponse(err: unknown) {
  if (err instanceof AppError) return errorResponse(err.code, err.message, err.status, err.fields);
  console.error("netdiag: unhandled API error:", err instanceof Error ? err.message : "unknown");
  return errorResponse("internal", "Something went wrong on the server; see the server log", 500);
}

type Handler<C> = (req: Request, ctx: C) => Promise<Response>;

export function route<C>(handler: Handler<C>): Handler<C> {
  return async (req, ctx) => {
    try {
      return await handler(req, ctx);
    } catch (err) {
      return toErrorResponse(err);
    }
  };
}
