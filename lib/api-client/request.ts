// The one browser-side call to the JSON API. Every answer is checked against the schema its
// endpoint declares before anyone reads it; every failure comes back as data (ApiResult), so a
// component shows it like any other error instead of crashing on a shape it did not expect.
import type { z } from "zod";
import { apiErrorBodySchema, type ApiError } from "@/lib/domain/api-schemas";

export type { ApiError };
export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError };
export type Method = "GET" | "POST" | "PATCH" | "DELETE";

const NETWORK: ApiError = { code: "network", message: "Could not reach the netdiag server. Is it running?" };

type Json = { ok: true; value: unknown } | { ok: false };

/** An empty body (204) reads as null. */
function readJson(text: string): Json {
  if (text === "") return { ok: true, value: null };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

const badResponse = (method: Method, path: string, problem: string): ApiResult<never> => ({
  ok: false,
  error: { code: "bad-response", message: `Unexpected answer from the server to ${method} ${path}: ${problem}` },
});

function describeIssues(error: z.ZodError): string {
  const [first, ...rest] = error.issues;
  if (!first) return "it does not match the expected shape";
  const where = first.path.length > 0 ? `${first.path.join(".")}: ` : "";
  return `${where}${first.message}${rest.length > 0 ? ` (and ${rest.length} more)` : ""}`;
}

export async function request<T>(method: Method, path: string, answer: z.ZodType<T>, body?: unknown): Promise<ApiResult<T>> {
  let res: Response;
  let text: string;
  try {
    res = await fetch(path, {
      method,
      headers: body === undefined ? undefined : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    text = await res.text();
  } catch {
    return { ok: false, error: NETWORK };
  }
  const json = readJson(text);
  if (!res.ok) {
    const body = json.ok ? apiErrorBodySchema.safeParse(json.value) : null;
    if (body?.success) return { ok: false, error: body.data.error };
    return { ok: false, error: { code: `http_${res.status}`, message: `The server answered ${res.status} ${res.statusText}` } };
  }
  if (!json.ok) return badResponse(method, path, "it is not JSON");
  const parsed = answer.safeParse(json.value);
  return parsed.success ? { ok: true, data: parsed.data } : badResponse(method, path, describeIssues(parsed.error));
}
