import { NextResponse, type NextRequest } from "next/server";
import { authenticate, needsSetup, refusal } from "@/lib/auth/session";
import { isMutating, isSameOrigin } from "@/lib/auth/origin";
import { API_CSP, BASE_SECURITY_HEADERS, pageCsp } from "@/lib/auth/headers";
import { env } from "@/lib/env";
import { MAX_BODY_BYTES } from "@/lib/api/body-limit";

// The network boundary: every request except static assets passes here. Authentication,
// the cross-site check, the body-size cap and the security headers live in this one place,
// so a new page or API route cannot forget them (e2e/security.spec.ts enumerates the routes).

const PUBLIC_API = new Set(["/api/health", "/api/auth/login", "/api/auth/setup"]);
const PUBLIC_PAGES = new Set(["/login", "/setup"]);
// Prometheus' scrape target: answered like the API (JSON errors, no login redirect), and only
// to API tokens. A scraper is a machine with its own revocable token whose "last used" shows
// the scrapes; a browser session gains nothing here and would only widen who can read it.
const METRICS = "/metrics";
const METRICS_TOKEN_ONLY = "Metrics need an API token: send it as 'Authorization: Bearer <token>' (Settings, API tokens)";

function withHeaders(res: NextResponse, csp: string): NextResponse {
  for (const [k, v] of Object.entries(BASE_SECURITY_HEADERS)) res.headers.set(k, v);
  res.headers.set("Content-Security-Policy", csp);
  return res;
}

function apiError(status: number, code: string, message: string): NextResponse {
  return withHeaders(NextResponse.json({ error: { code, message } }, { status }), API_CSP);
}

export async function proxy(req: NextRequest) {
  const { pathname, search } = req.nextUrl;
  const isMetrics = pathname === METRICS;
  const isApi = pathname.startsWith("/api/") || isMetrics;

  const length = Number(req.headers.get("content-length") ?? "0");
  if (length > MAX_BODY_BYTES) return apiError(413, "too_large", "Request bodies are limited to 1 MB");

  if (isMetrics && !env().metricsEnabled) return apiError(404, "not_found", "Metrics are off (NETDIAG_METRICS=off)");

  const publicRoute = isApi ? PUBLIC_API.has(pathname) : PUBLIC_PAGES.has(pathname);
  const principal = publicRoute ? null : await authenticate(req.headers);

  if (isMetrics && principal?.via !== "token") {
    const { code, message } = await refusal(req.headers);
    // An expired token is told so; anything else (no token, a session cookie) learns what to send.
    return apiError(401, code, code === "unauthorized" ? METRICS_TOKEN_ONLY : message);
  }

  if (!publicRoute && !principal) {
    if (isApi) {
      const { code, message } = await refusal(req.headers);
      return apiError(401, code, message);
    }
    const target = (await needsSetup()) ? new URL("/setup", req.url) : new URL("/login", req.url);
    if (target.pathname === "/login" && pathname !== "/") target.searchParams.set("next", pathname + search);
    return withHeaders(NextResponse.redirect(target, 303), API_CSP);
  }

  // A cookie rides along on cross-site requests; a bearer token does not, so only cookie
  // sessions (and the public login/setup posts, which set cookies) need the origin check.
  const cookieBased = principal?.via !== "token";
  if (cookieBased && isMutating(req.method)) {
    const same = isSameOrigin({ origin: req.headers.get("origin"), referer: req.headers.get("referer"), host: req.headers.get("host") });
    if (!same) return apiError(403, "cross_site", "Cross-site request refused: this action must come from netdiag's own pages");
  }

  if (isApi) return withHeaders(NextResponse.next(), API_CSP);

  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = pageCsp(nonce, env().nodeEnv === "development");
  const requestHeaders = new Headers(req.headers);
  // Next reads the nonce from the request's CSP header and stamps it on its scripts.
  requestHeaders.set("Content-Security-Policy", csp);
  return withHeaders(NextResponse.next({ request: { headers: requestHeaders } }), csp);
}

// Static assets skip the proxy. Each exclusion is a whole path: "_next/static/" up to its
// slash, the others up to the end ($ inside the lookahead is the end of the path), so
// "/icon.svgx", "/favicon.ico/x" or "/_next/staticx" still pass through here. Next compiles
// this with path-to-regexp (lib/auth/proxy.test.ts checks the compiled form).
export const config = {
  matcher: ["/((?!_next/static/|_next/image$|icon\\.svg$|favicon\\.ico$).*)"],
};
