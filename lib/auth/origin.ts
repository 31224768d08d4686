// Cross-site request check for cookie-authenticated mutations: a form or fetch from another
// site carries that site's Origin. Browsers send Origin on every POST/PUT/PATCH/DELETE, so a
// cookie request without Origin (and without a same-origin Referer) is refused as well.
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isMutating(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

export function isSameOrigin(headers: { origin: string | null; referer: string | null; host: string | null }): boolean {
  if (!headers.host) return false;
  const source = headers.origin ?? headers.referer;
  if (!source || source === "null") return false;
  try {
    return new URL(source).host.toLowerCase() === headers.host.toLowerCase();
  } catch {
    return false;
  }
}
