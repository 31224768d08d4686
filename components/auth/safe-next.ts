const BASE = "http://netdiag.invalid";

/**
 * Only same-site paths are followed after login: "//evil.example" or "https://…" would be an
 * open redirect. The path is read the way a browser will read it (WHATWG URL): browsers drop
 * tabs and newlines anywhere in a URL and take "\" for "/", so "/\t/evil.example" (next=/%09/…)
 * is "//evil.example". Anything that does not stay on our origin goes to "/".
 */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith("/")) return "/";
  let url: URL;
  try {
    url = new URL(next, BASE);
  } catch {
    return "/";
  }
  if (url.origin !== BASE) return "/";
  return `${url.pathname}${url.search}${url.hash}`;
}
