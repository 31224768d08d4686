import fs from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { apiContext, BASE_URL } from "./auth";
import { readLab } from "./lab";

// Every page passes axe-core (WCAG 2 A/AA rules) with no serious or critical violation, with
// real content: lab hosts registered and collected, findings open.
const lab = readLab();
const key = fs.readFileSync(lab.clientKeyPath, "utf8");
let hostId = 0;

test.beforeAll(async ({ playwright }) => {
  const api = await apiContext(playwright);
  const existing = ((await (await api.get("/api/hosts")).json()).items as { id: number; name: string }[]).find((h) => h.name === "a11y-h5");
  if (existing) hostId = existing.id;
  else {
    const h = lab.hosts.find((x) => x.roles.includes("dupmac-owner")) ?? lab.hosts[0]!;
    const res = await api.post("/api/hosts", { data: { name: "a11y-h5", address: h.address, port: h.port, username: h.username, privateKey: key } });
    expect(res.status()).toBe(201);
    hostId = (await res.json()).id;
  }
  expect((await (await api.post(`/api/hosts/${hostId}/collect`)).json()).status).toBe("ok");
});

async function serious(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
}

const PAGES = () => ["/", "/findings", "/findings?tab=history", `/hosts/${hostId}`, `/hosts/${hostId}/edit`, "/hosts/new", "/hosts/import", "/iperf", "/iperf/matrix", "/iperf/history", "/settings"];

test("every page passes axe-core with no serious or critical violation", async ({ page }) => {
  const found: string[] = [];
  for (const path of PAGES()) {
    await page.goto(path);
    await expect(page.locator("main")).toBeVisible();
    for (const v of await serious(page)) found.push(`${path}: ${v}`);
  }
  expect(found).toEqual([]);
});

test("the login page passes axe-core too", async ({ browser }) => {
  const context = await browser.newContext({ baseURL: BASE_URL, storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto("/login");
  await expect(page.getByRole("button", { name: /log in/i })).toBeVisible();
  expect(await serious(page)).toEqual([]);
  await context.close();
});
