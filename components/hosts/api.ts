// Browser-side calls to the JSON API. Errors come back as data so components can show them.
import type { HostView, RunSummary } from "@/lib/domain/views";

export type ApiError = { code: string; message: string; fields?: Record<string, string> };
export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError };

function isApiError(v: unknown): v is { error: ApiError } {
  if (typeof v !== "object" || v === null || !("error" in v)) return false;
  const e = (v as { error: unknown }).error;
  return typeof e === "object" && e !== null && typeof (e as { message?: unknown }).message === "string";
}

export async function call<T>(url: string, method: string, body?: unknown): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: body === undefined ? undefined : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    return { ok: false, error: { code: "network", message: "Could not reach the netdiag server. Is it running?" } };
  }
  const text = await res.text();
  let data: unknown = null;
  try {
    data = text ? (JSON.parse(text) as unknown) : null;
  } catch {
    data = null;
  }
  if (res.ok) return { ok: true, data: data as T };
  if (isApiError(data)) return { ok: false, error: data.error };
  return { ok: false, error: { code: `http_${res.status}`, message: `The server answered ${res.status} ${res.statusText}` } };
}

export type HostBody = {
  name?: string;
  address?: string;
  port?: number;
  username?: string;
  platform?: string;
  privateKey?: string;
  passphrase?: string;
  password?: string;
};

export const api = {
  createHost: (body: HostBody) => call<HostView>("/api/hosts", "POST", body),
  updateHost: (id: number, body: HostBody) => call<HostView>(`/api/hosts/${id}`, "PATCH", body),
  deleteHost: (id: number) => call<null>(`/api/hosts/${id}`, "DELETE"),
  collectHost: (id: number) => call<RunSummary>(`/api/hosts/${id}/collect`, "POST"),
  collectAll: () => call<{ runs: RunSummary[] }>("/api/collect", "POST"),
  acceptHostKey: (id: number, fingerprint: string) =>
    call<HostView>(`/api/hosts/${id}/host-key`, "POST", { accept: true, fingerprint }),
};
