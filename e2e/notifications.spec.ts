import { createHmac } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { apiContext } from "./auth";

// Notification channels on the Settings page against a real receiver: a loopback HTTP server
// in this test process that records every request, as a user's webhook endpoint would.

type Received = { method: string; url: string; headers: http.IncomingHttpHeaders; body: string };

async function startReceiver(): Promise<{ url: string; received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hooks/netdiag`, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** A port that was just free: nothing listens there, so a connection is refused. */
async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

class NotificationsSection {
  readonly region: Locator;
  constructor(readonly page: Page) {
    this.region = page.getByRole("region", { name: "Notifications" });
  }
  addForm() {
    return this.region.getByRole("form", { name: "Add channel" });
  }
  channel(name: string) {
    return this.region.getByRole("listitem", { name, exact: true });
  }
  async openAddForm() {
    await this.region.getByRole("button", { name: "Add channel" }).click();
    await expect(this.addForm()).toBeVisible();
  }
  async fillWebhook(f: { name: string; url: string; secret?: string }) {
    const form = this.addForm();
    await form.getByRole("combobox", { name: "Type" }).selectOption("webhook");
    await form.getByRole("textbox", { name: "Name", exact: true }).fill(f.name);
    await form.getByRole("textbox", { name: "URL", exact: true }).fill(f.url);
    if (f.secret) await form.getByLabel("Signing secret", { exact: true }).fill(f.secret);
  }
  async submitAdd() {
    await this.addForm().getByRole("button", { name: "Add channel" }).click();
  }
  async sendTest(name: string) {
    await this.channel(name).getByRole("button", { name: "Send test" }).click();
  }
  async remove(name: string) {
    await this.channel(name).getByRole("button", { name: "Delete" }).click();
    const dialog = this.page.getByRole("dialog", { name: `Delete channel ${name}?` });
    await dialog.getByRole("button", { name: "Delete channel" }).click();
    await expect(this.channel(name)).toHaveCount(0);
  }
}

const SIGNED = "e2e signed webhook";
const RENAMED = "e2e webhook renamed";
const REFUSED = "e2e refused webhook";
const FAILING = "e2e failing channel (closed port) on a phone";
const SECRET = "e2e-webhook-secret-0123456789";

test.afterAll(async ({ playwright }) => {
  // The e2e server is shared by every spec: leave no channel behind, even after a failure.
  const api = await apiContext(playwright);
  const { items } = (await (await api.get("/api/notifications/channels")).json()) as { items: { id: number; name: string }[] };
  for (const c of items.filter((c) => [SIGNED, RENAMED, REFUSED, FAILING].includes(c.name))) await api.delete(`/api/notifications/channels/${c.id}`);
});

test("a webhook channel is added on the Settings page, and Send test delivers one signed request to it", async ({ page }) => {
  const receiver = await startReceiver();
  try {
    const section = new NotificationsSection(page);
    await page.goto("/settings");
    await section.openAddForm();

    await section.fillWebhook({ name: SIGNED, url: "not a url", secret: SECRET });
    await section.submitAdd();
    const url = section.addForm().getByRole("textbox", { name: "URL", exact: true });
    await expect(url).toHaveAttribute("aria-invalid", "true");
    await expect(url).toHaveAccessibleDescription(/URL is not a URL/);
    await expect(url).toBeFocused();

    await url.fill(receiver.url);
    await section.submitAdd();
    await expect(section.region.getByRole("status").filter({ hasText: `Channel ${SIGNED} added.` })).toBeVisible();
    const card = section.channel(SIGNED);
    await expect(card.getByText("untested", { exact: true })).toBeVisible();
    // Saved secrets never come back to the browser.
    expect(await page.content()).not.toContain(SECRET);

    await section.sendTest(SIGNED);
    await expect(card.getByRole("status")).toHaveText("Delivered (HTTP 204)");
    await expect(card.getByText("ok", { exact: true })).toBeVisible();
    await expect.poll(() => receiver.received.length).toBe(1);
    const [req] = receiver.received;
    expect(req?.method).toBe("POST");
    expect(req?.url).toBe("/hooks/netdiag");
    expect(req?.headers["x-netdiag-event"]).toBe("test");
    expect(JSON.parse(req?.body ?? "")).toMatchObject({ version: 1, event: "test" });
    const timestamp = String(req?.headers["x-netdiag-timestamp"]);
    expect(timestamp).toMatch(/^\d+$/);
    const expected = `sha256=${createHmac("sha256", SECRET).update(`${timestamp}.${req?.body}`).digest("hex")}`;
    expect(req?.headers["x-netdiag-signature"]).toBe(expected);

    await card.getByText("Recent deliveries").click();
    const row = card.getByRole("table", { name: `Recent deliveries of ${SIGNED}` }).getByRole("row").nth(1);
    await expect(row).toContainText("Test");
    await expect(row).toContainText("sent");
    await expect(row).toContainText("HTTP 204");

    // Editing with the secret left empty keeps it: the next test is signed with the same one.
    await card.getByRole("button", { name: "Edit" }).click();
    const edit = card.getByRole("form", { name: `Edit channel ${SIGNED}` });
    await expect(edit.getByLabel("Signing secret", { exact: true })).toHaveAttribute("placeholder", "set — leave empty to keep");
    await expect(edit.getByLabel("Signing secret", { exact: true })).toHaveValue("");
    await edit.getByRole("textbox", { name: "Name", exact: true }).fill(RENAMED);
    await edit.getByRole("button", { name: "Save channel" }).click();
    await expect(section.channel(RENAMED)).toBeVisible();
    await section.sendTest(RENAMED);
    await expect(section.channel(RENAMED).getByRole("status")).toHaveText("Delivered (HTTP 204)");
    await expect.poll(() => receiver.received.length).toBe(2);
    const again = receiver.received[1];
    const ts = String(again?.headers["x-netdiag-timestamp"]);
    expect(again?.headers["x-netdiag-signature"]).toBe(`sha256=${createHmac("sha256", SECRET).update(`${ts}.${again?.body}`).digest("hex")}`);

    await section.remove(RENAMED);
  } finally {
    await receiver.close();
  }
});

test("a channel whose receiver refuses the connection shows the failure after Send test", async ({ page }) => {
  const port = await closedPort();
  const section = new NotificationsSection(page);
  await page.goto("/settings");
  await section.openAddForm();
  await section.fillWebhook({ name: REFUSED, url: `http://127.0.0.1:${port}/hook` });
  await section.submitAdd();
  const card = section.channel(REFUSED);
  await expect(card).toBeVisible();

  await section.sendTest(REFUSED);
  await expect(card.getByRole("alert")).toHaveText(/^Failed: .*ECONNREFUSED/);
  await expect(card.getByText(/^Last attempt failed/)).toContainText("ECONNREFUSED");

  await section.remove(REFUSED);
});

test("a channel that keeps failing is marked failing, and the section with its forms open passes axe and fits a phone", async ({ page, playwright }) => {
  const api = await apiContext(playwright);
  const created = await api.post("/api/notifications/channels", { data: { type: "webhook", name: FAILING, url: `http://127.0.0.1:${await closedPort()}/hook` } });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: number };
  // FAILING_AFTER (lib/notify/rules.ts) failed attempts in a row make a channel "failing".
  for (let i = 0; i < 3; i++) expect(((await (await api.post(`/api/notifications/channels/${id}/test`)).json()) as { status: string }).status).toBe("failed");

  await page.setViewportSize({ width: 390, height: 844 });
  const section = new NotificationsSection(page);
  await page.goto("/settings");
  const card = section.channel(FAILING);
  await expect(card.getByText("failing", { exact: true })).toBeVisible();
  // At least 3: the channel's own "notifications failing" finding is queued to it as well.
  await expect(card.getByText(/^Last \d+ attempts failed/)).toContainText("ECONNREFUSED");

  await card.getByText("Recent deliveries").click();
  const tests = card.getByRole("table", { name: `Recent deliveries of ${FAILING}` }).getByRole("row").filter({ hasText: "Test" });
  await expect(tests).toHaveCount(3);
  for (const row of await tests.all()) await expect(row).toContainText(/failed.*ECONNREFUSED/);
  await card.getByRole("button", { name: "Edit" }).click();
  const edit = card.getByRole("form", { name: `Edit channel ${FAILING}` });
  await edit.getByRole("textbox", { name: "URL", exact: true }).fill("");
  await edit.getByRole("button", { name: "Save channel" }).click();
  await expect(edit.getByRole("textbox", { name: "URL", exact: true })).toHaveAccessibleDescription(/URL is required/);
  await section.openAddForm();
  await section.addForm().getByRole("combobox", { name: "Type" }).selectOption("email");
  await expect(section.addForm().getByRole("textbox", { name: "SMTP host" })).toBeVisible();

  const axe = await new AxeBuilder({ page }).include("section[aria-labelledby='notifications-heading']").withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  expect((await api.delete(`/api/notifications/channels/${id}`)).status()).toBe(204);
});
