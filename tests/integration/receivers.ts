import { spawn, type ChildProcess } from "node:child_process";
import { createHmac, timingSafeEqual } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";

// Stand-ins for the services notifications go to, on loopback: one HTTP server that checks
// each service's documented request format on its own path, and Debian's aiosmtpd as the mail
// server. A request that breaks a service's format is answered the way the service would
// (400) and recorded with its problems, so a test sees both.

export type Received = { path: string; headers: http.IncomingHttpHeaders; body: string; json: Record<string, unknown> | null; problems: string[] };

/** The secret the webhook path verifies signatures with. */
export const WEBHOOK_SECRET = "integration-secret-0123456789";
export const GOTIFY_TOKEN = "AppTokenGotify1";
export const NTFY_TOKEN = "tk_ntfyintegration";

type Check = (r: Omit<Received, "problems">) => string[];

const str = (v: unknown) => typeof v === "string" && v.length > 0;

// https://docs.ntfy.sh/publish/#publish-as-json
const ntfy: Check = ({ headers, json }) => [
  ...(headers.authorization === `Bearer ${NTFY_TOKEN}` ? [] : ["ntfy: no Bearer token"]),
  ...(json && /^[-_A-Za-z0-9]{1,64}$/.test(String(json.topic)) ? [] : ["ntfy: topic missing or not a topic"]),
  ...(json && str(json.message) ? [] : ["ntfy: message missing"]),
  ...(json && Number.isInteger(json.priority) && Number(json.priority) >= 1 && Number(json.priority) <= 5 ? [] : ["ntfy: priority not 1-5"]),
  ...(json && Buffer.byteLength(String(json.message)) <= 4096 ? [] : ["ntfy: message over 4096 bytes"]),
];

// https://gotify.net/docs/pushmsg
const gotify: Check = ({ headers, json }) => [
  ...(headers["x-gotify-key"] === GOTIFY_TOKEN ? [] : ["gotify: no X-Gotify-Key"]),
  ...(json && str(json.message) ? [] : ["gotify: message missing"]),
  ...(json && Number.isInteger(json.priority) ? [] : ["gotify: priority not a whole number"]),
];

// https://discord.com/developers/docs/resources/webhook#execute-webhook (+ embed limits)
const discord: Check = ({ json }) => {
  const embeds = Array.isArray(json?.embeds) ? (json.embeds as Record<string, unknown>[]) : [];
  if (!json || (!str(json.content) && embeds.length === 0)) return ["discord: neither content nor embeds"];
  return embeds.flatMap((e) => [
    ...(String(e.title ?? "").length <= 256 ? [] : ["discord: embed title over 256"]),
    ...(String(e.description ?? "").length <= 4096 ? [] : ["discord: embed description over 4096"]),
  ]);
};

// https://api.slack.com/messaging/webhooks
const slack: Check = ({ json }) => (json && str(json.text) ? [] : ["slack: text missing"]);

// https://github.com/caronc/apprise-api#persistent-stateful-storage-solution
const apprise: Check = ({ json }) => [
  ...(json && str(json.body) ? [] : ["apprise: body missing"]),
  ...(json && ["info", "success", "warning", "failure"].includes(String(json.type)) ? [] : ["apprise: type not info|success|warning|failure"]),
];

// netdiag's own webhook, verified as the README tells a receiver to.
const webhook: Check = ({ headers, body, json }) => {
  const ts = String(headers["x-netdiag-timestamp"] ?? "");
  const sig = String(headers["x-netdiag-signature"] ?? "");
  const want = `sha256=${createHmac("sha256", WEBHOOK_SECRET).update(`${ts}.${body}`).digest("hex")}`;
  const same = sig.length === want.length && timingSafeEqual(Buffer.from(sig), Buffer.from(want));
  return [
    ...(same ? [] : ["webhook: bad signature"]),
    ...(Math.abs(Date.now() / 1000 - Number(ts)) < 300 ? [] : ["webhook: timestamp not within 5 minutes"]),
    ...(json && json.version === 1 && json.event === headers["x-netdiag-event"] ? [] : ["webhook: version/event"]),
    ...(json && json.deliveryId === headers["x-netdiag-delivery"] ? [] : ["webhook: delivery id differs from the header"]),
  ];
};

const ROUTES: [RegExp, Check][] = [
  [/^\/ntfy\/$/, ntfy],
  [/^\/gotify\/message$/, gotify],
  [/^\/api\/webhooks\/\d+\/[\w-]+\?wait=true$/, discord],
  [/^\/slack$/, slack],
  [/^\/apprise\/notify\/[\w-]+$/, apprise],
  [/^\/webhook$/, webhook],
];

export type HttpReceiver = { url: string; received: Received[]; on: (path: string) => Received[]; close: () => Promise<void>; failPaths: Set<string> };

export async function startHttpReceiver(): Promise<HttpReceiver> {
  const received: Received[] = [];
  const failPaths = new Set<string>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      let json: Record<string, unknown> | null = null;
      try {
        json = JSON.parse(body) as Record<string, unknown>;
      } catch {
        json = null;
      }
      const p = req.url ?? "";
      const base = { path: p, headers: req.headers, body, json };
      const route = ROUTES.find(([re]) => re.test(p));
      const problems = [
        ...(req.method === "POST" ? [] : [`method ${req.method}`]),
        ...(String(req.headers["content-type"]).startsWith("application/json") ? [] : ["not application/json"]),
        ...(route ? route[1](base) : [`no service at ${p}`]),
      ];
      received.push({ ...base, problems });
      if (failPaths.has(p.split("?")[0]!)) {
        res.writeHead(500, { "content-type": "text/plain" }).end("upstream down");
        return;
      }
      res.writeHead(problems.length ? 400 : 200, { "content-type": "application/json" }).end(JSON.stringify({ ok: problems.length === 0, problems }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    failPaths,
    on: (p) => received.filter((r) => r.path.split("?")[0] === p),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  const { port } = s.address() as net.AddressInfo;
  await new Promise((resolve) => s.close(resolve));
  return port;
}

async function untilListening(port: number, child: ChildProcess, deadline: number): Promise<void> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`aiosmtpd exited with ${child.exitCode}`);
    const ok = await new Promise<boolean>((resolve) => {
      const c = net.connect(port, "127.0.0.1", () => {
        c.end();
        resolve(true);
      });
      c.on("error", () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error("aiosmtpd did not start listening");
    await new Promise((resolve) => setTimeout(resolve, 50)); // polling the port, not waiting out a guess
  }
}

export type Mail = { headers: Record<string, string>; raw: string };
export type SmtpReceiver = { port: number; messages: () => Mail[]; close: () => Promise<void> };

/** Debian's aiosmtpd writing each message it accepts into a maildir. */
export async function startSmtpReceiver(): Promise<SmtpReceiver> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "netdiag-smtp-"));
  // aiosmtpd's Mailbox handler opens the maildir without creating it.
  for (const sub of ["tmp", "new", "cur"]) fs.mkdirSync(path.join(dir, sub));
  const port = await freePort();
  // /usr/bin/python3: the Debian package's interpreter, not whatever python3 is first on PATH.
  const child = spawn("/usr/bin/python3", ["-m", "aiosmtpd", "-n", "-l", `127.0.0.1:${port}`, "-c", "aiosmtpd.handlers.Mailbox", dir], { stdio: "ignore" });
  await untilListening(port, child, Date.now() + 20_000);
  const messages = () => {
    const newDir = path.join(dir, "new");
    if (!fs.existsSync(newDir)) return [];
    return fs
      .readdirSync(newDir)
      .sort()
      .map((f) => {
        const raw = fs.readFileSync(path.join(newDir, f), "utf8");
        const head = raw.split(/\r?\n\r?\n/)[0] ?? "";
        const headers: Record<string, string> = {};
        for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
          const i = line.indexOf(":");
          if (i > 0) headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
        }
        return { headers, raw };
      });
  };
  return {
    port,
    messages,
    close: async () => {
      child.kill("SIGTERM");
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
