import fs from "node:fs";
import path from "node:path";
import type { APIRequestContext, PlaywrightWorkerArgs } from "@playwright/test";

// Written by auth.setup.ts, read by every spec that needs credentials.
export const PORT = Number(process.env.E2E_PORT || 3210);
export const BASE_URL = `http://127.0.0.1:${PORT}`;
export const ADMIN = { username: "admin", password: "e2e correct horse battery" };
const dir = path.resolve(__dirname, "../test-results/.auth");
export const STATE_FILE = path.join(dir, `state-${PORT}.json`);
const TOKEN_FILE = path.join(dir, `token-${PORT}.txt`);

export function saveToken(token: string) {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(TOKEN_FILE, token, { mode: 0o600 });
}

export function readToken(): string {
  return fs.readFileSync(TOKEN_FILE, "utf8");
}

/** An API client as a script would use it: Bearer token, no cookies, no Origin. */
export function apiContext(playwright: PlaywrightWorkerArgs["playwright"], token = readToken()): Promise<APIRequestContext> {
  return playwright.request.newContext({
    baseURL: BASE_URL,
    // One connection per request: a spec that waits on the browser for longer than the server's
    // keep-alive (5 s) otherwise reuses a socket the server is closing at that moment, and the
    // next request fails with ECONNRESET (seen on POST /api/hosts/:id/collect in e2e/traffic.spec.ts).
    extraHTTPHeaders: { authorization: `Bearer ${token}`, connection: "close" },
    storageState: { cookies: [], origins: [] },
  });
}
