import fs from "node:fs";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { apiContext, BASE_URL } from "./auth";
import { readLab } from "./lab";
import { keepScreenshot } from "./pages";

// Every page on a phone (390 px, an iPhone 12-15) and on a laptop: nothing scrolls the page
// sideways, wide tables scroll inside their own card, and the navigation can be reached. The
// pages carry real content: lab hosts collected (MACs, IPv6 addresses, findings with fix
// commands), DF probes, and a finished iperf run with its charts and verdicts.
const lab = readLab();
const key = fs.readFileSync(lab.clientKeyPath, "utf8");
const role = (r: string) => lab.hosts.find((h) => h.roles.includes(r));
/** The host whose page is checked: the jumbo pair's carries IPv6 addresses and DF probes. */
const subject = role("jumbo-pair") ?? lab.hosts[0]!;
// Its name has no break opportunity at all (an FQDN with underscores): it must wrap in headings,
// titles and pickers, never widen the page. Others are "rsp-h1": not containing the lab's own
// names, which other specs look for with hasText.
const LONG_NAME = `rsp_${subject.name.replace(/^.*-/, "")}.storage_vlan_jumbo_frames.homelab_example_arpa`;
const nameOf = (h: { name: string }) => (h === subject ? LONG_NAME : `rsp-${h.name.replace(/^.*-/, "")}`);
const ids = new Map<string, number>();
let runId = 0;

const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1280, height: 800 };

async function register(api: APIRequestContext) {
  // beforeAll runs again in a new worker after a failed test: reuse what is registered.
  const existing = new Map(((await (await api.get("/api/hosts")).json()).items as { id: number; name: string }[]).map((h) => [h.name, h.id]));
  for (const h of lab.hosts) {
    let id = existing.get(nameOf(h));
    if (id === undefined) {
      const res = await api.post("/api/hosts", { data: { name: nameOf(h), address: h.address, port: h.port, username: h.username, privateKey: key } });
      expect(res.status()).toBe(201);
      id = ((await res.json()) as { id: number }).id;
      expect((await (await api.post(`/api/hosts/${id}/collect`)).json()).status).toBe("ok");
    }
    ids.set(h.name, id);
  }
}

// An iperf run from it to the shaped host: both directions, charts, and (usually) a verdict.
const client = subject;
const server = role("shaped") ?? lab.hosts.find((h) => h !== client)!;

test.beforeAll(async ({ playwright }) => {
  test.setTimeout(180_000);
  const api = await apiContext(playwright);
  await register(api);
  const hostId = ids.get(subject.name)!;
  expect((await api.post(`/api/hosts/${hostId}/verify-mtu`)).status()).toBe(200);
  const started = await api.post("/api/iperf/runs", { data: { clientHostId: ids.get(client.name), serverHostId: ids.get(server.name), durationSec: 2, omitSec: 0 } });
  expect(started.status()).toBe(201);
  runId = ((await started.json()) as { id: number }).id;
  await expect
    .poll(async () => ((await (await api.get(`/api/iperf/runs/${runId}`)).json()) as { status: string }).status, { timeout: 60_000 })
    .toBe("done");
});

function pages(): { path: string; ready: (page: Page) => Promise<void> }[] {
  const hostId = ids.get(subject.name)!;
  const heading = (name: string | RegExp) => async (page: Page) => {
    await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  };
  const chart = (name: RegExp) => async (page: Page) => {
    await expect(page.getByRole("img", { name }).first().locator("svg.recharts-surface").first()).toBeVisible();
  };
  return [
    { path: "/", ready: heading("Hosts") },
    { path: "/findings", ready: heading("Findings") },
    { path: "/findings?tab=history", ready: heading("Findings") },
    { path: `/hosts/${hostId}`, ready: async (page) => page.getByRole("table", { name: "MTU probes" }).waitFor() },
    { path: `/hosts/${hostId}/edit`, ready: heading(`Edit ${nameOf(subject)}`) },
    { path: "/hosts/new", ready: heading("Add host") },
    { path: "/hosts/import", ready: heading("Import hosts") },
    { path: "/iperf", ready: heading("iperf3 throughput") },
    { path: "/iperf/matrix", ready: async (page) => page.getByRole("table", { name: /Throughput matrix/ }).waitFor() },
    { path: "/iperf/history", ready: heading(/^History: /) },
    { path: `/iperf/history?client=${ids.get(client.name)}&server=${ids.get(server.name)}`, ready: chart(/Throughput history/) },
    { path: `/iperf/runs/${runId}`, ready: chart(/throughput per second/) },
    { path: "/settings", ready: heading("Settings") },
  ];
}

/** null when the page fits; else the widths and the outermost elements that stick out. */
function horizontalOverflow(page: Page) {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const scrollWidth = document.documentElement.scrollWidth;
    if (scrollWidth <= width) return null;
    const clipped = (el: Element) => {
      for (let a = el.parentElement; a; a = a.parentElement) if (getComputedStyle(a).overflowX !== "visible") return true;
      return false;
    };
    const out = (el: Element | null) => !!el && el.getBoundingClientRect().right > width + 0.5;
    const culprits = [...document.querySelectorAll("body *")]
      .filter((el) => out(el) && !out(el.parentElement) && !clipped(el))
      .slice(0, 5)
      .map((el) => `<${el.tagName.toLowerCase()} class="${el.getAttribute("class") ?? ""}"> right=${Math.round(el.getBoundingClientRect().right)}: ${(el.textContent ?? "").slice(0, 60)}`);
    return { width, scrollWidth, culprits };
  });
}

/** Hydrated: "Log out" is disabled until React owns the page (it is folded away on a phone). */
async function hydrated(page: Page) {
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("button", { name: "Log out", exact: true, includeHidden: true })).toBeEnabled();
}

for (const viewport of [PHONE, LAPTOP]) {
  test.describe(`at ${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport });

    test("no page scrolls sideways", async ({ page }, testInfo) => {
      const found: string[] = [];
      for (const { path, ready } of pages()) {
        await page.goto(path);
        await ready(page);
        await hydrated(page);
        const overflow = await horizontalOverflow(page);
        if (overflow) found.push(`${path}: ${overflow.scrollWidth} px wide in ${overflow.width}\n    ${overflow.culprits.join("\n    ")}`);
      }
      await page.goto(`/hosts/${ids.get(subject.name)}`);
      await keepScreenshot(page, testInfo, `responsive-host-${viewport.width}`);
      expect(found).toEqual([]);
    });

    test("the login page fits too", async ({ browser }) => {
      const context = await browser.newContext({ baseURL: BASE_URL, viewport, storageState: { cookies: [], origins: [] } });
      const page = await context.newPage();
      await page.goto("/login");
      await expect(page.getByRole("button", { name: /log in/i })).toBeEnabled();
      expect(await horizontalOverflow(page)).toBeNull();
      await context.close();
    });
  });
}

test.describe("on a phone", () => {
  test.use({ viewport: PHONE });

  test("the navigation folds behind Menu, opens by mouse and keyboard, and closes on navigation", async ({ page }) => {
    await page.goto("/");
    const nav = page.getByRole("navigation", { name: "Main" });
    const menu = nav.getByRole("button", { name: "Menu" });
    const findings = nav.getByRole("link", { name: "Findings", exact: true });
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(findings).toBeHidden();

    await menu.click();
    await expect(menu).toHaveAttribute("aria-expanded", "true");
    await expect(page.locator(`#${await menu.getAttribute("aria-controls")}`)).toBeVisible();
    for (const name of ["Hosts", "Findings", "iperf", "Add host", "Settings"]) await expect(nav.getByRole("link", { name, exact: true })).toBeVisible();
    await findings.click();
    await expect(page).toHaveURL(/\/findings$/);
    await expect(page.getByRole("heading", { name: "Findings", level: 1 })).toBeVisible();
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(findings).toBeHidden();

    // Keyboard only: Enter opens, Tab reaches the links, Escape closes and returns to the button.
    await menu.focus();
    await page.keyboard.press("Enter");
    await expect(menu).toHaveAttribute("aria-expanded", "true");
    await page.keyboard.press("Tab");
    await expect(nav.getByRole("link", { name: "Hosts", exact: true })).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(menu).toBeFocused();
    await page.keyboard.press("Space");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await expect(nav.getByRole("link", { name: "iperf", exact: true })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { name: "iperf3 throughput", level: 1 })).toBeVisible();
    await expect(menu).toHaveAttribute("aria-expanded", "false");
  });

  test("a wide table scrolls inside its card, focusable and named, with the key columns first", async ({ page }) => {
    await page.goto(`/hosts/${ids.get(subject.name)}`);
    const region = page.getByRole("region", { name: "Interfaces (scrolls sideways)" });
    await expect(region).toBeVisible();
    await expect(region).toHaveAttribute("tabindex", "0");
    expect(await region.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    // The figures a diagnosis needs are on the first screen, without scrolling.
    const table = page.getByRole("table", { name: "Interfaces" });
    for (const name of ["MTU", "Speed"]) {
      const box = await table.getByRole("columnheader", { name, exact: true }).boundingBox();
      expect(box && box.x + box.width <= PHONE.width, `${name} column on screen`).toBe(true);
    }
    await region.focus();
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
  });
});

test.describe("on a laptop", () => {
  test.use({ viewport: LAPTOP });

  test("the full navigation is shown, with no Menu button", async ({ page }) => {
    await page.goto("/");
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("button", { name: "Menu" })).toBeHidden();
    await nav.getByRole("link", { name: "iperf", exact: true }).click();
    await expect(page.getByRole("heading", { name: "iperf3 throughput", level: 1 })).toBeVisible();
    await expect(nav.getByRole("link", { name: "iperf", exact: true })).toHaveAttribute("aria-current", "page");
  });
});
