import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { apiContext } from "./auth";
import { readLab } from "./lab";

// A host placed at a second site through its form, then a route between the sites declared and
// removed on the Settings page: what decides whether an iperf test between them may run.
const lab = readLab();
const key = fs.readFileSync(lab.clientKeyPath, "utf8");

test("a host's site is set on its form (a bad name is named beside the field), and Settings declares and removes a route to it", async ({ page, playwright }) => {
  const api = await apiContext(playwright);
  const h = lab.hosts[lab.hosts.length - 1]!;
  const created = await api.post("/api/hosts", { data: { name: "e2e-cabin-host", address: h.address, port: h.port, username: h.username, privateKey: key } });
  expect(created.status()).toBe(201);
  const { id } = await created.json();
  try {
    await page.goto(`/hosts/${id}/edit`);
    const site = page.getByRole("textbox", { name: "Site", exact: true });
    await expect(site).toHaveValue("default");
    await site.fill("my cabin");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(site).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText("Use lower-case letters, digits, dots, dashes or underscores (at most 40)")).toBeVisible();
    expect((await (await api.get(`/api/hosts/${id}`)).json()).site).toBe("default");

    await site.fill("Cabin");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/hosts/${id}$`));
    await expect(page.getByRole("definition").filter({ hasText: /^cabin$/ })).toBeVisible();

    await page.goto("/settings");
    // (Next's route announcer is an alert too: look inside the Sites card.)
    const card = page.getByRole("region", { name: "Sites" });
    const sites = card.getByRole("table", { name: "Sites" });
    await expect(sites.getByRole("row", { name: /^cabin \d+ / })).toContainText("none");
    // The suite's server collects on demand only: no sweep to be behind on.
    await expect(sites.getByRole("row", { name: /^cabin \d+ / })).toContainText("no periodic collection");
    const form = page.getByRole("form", { name: "Declare a route" });
    await form.getByRole("combobox", { name: "From site" }).selectOption("default");
    await form.getByRole("combobox", { name: "To site" }).selectOption("default");
    await form.getByRole("button", { name: "Declare route" }).click();
    await expect(card.getByRole("alert")).toHaveText("A route joins two different sites; nothing was saved.");

    await form.getByRole("combobox", { name: "To site" }).selectOption("cabin");
    await form.getByRole("button", { name: "Declare route" }).click();
    await expect(card.getByRole("status")).toHaveText("Tests between cabin and default are allowed.");
    await expect(sites.getByRole("row", { name: /^cabin \d+ / })).toContainText("default");
    expect((await (await api.get("/api/sites")).json()).routes).toEqual([expect.objectContaining({ siteA: "cabin", siteB: "default" })]);

    // Still there after a reload; removed with its button.
    await page.reload();
    await page.getByRole("button", { name: "Remove the route between cabin and default" }).click();
    await expect(card.getByRole("status")).toHaveText("Tests between cabin and default are refused again.");
    expect((await (await api.get("/api/sites")).json()).routes).toEqual([]);
  } finally {
    await api.delete(`/api/hosts/${id}`);
    await api.delete("/api/sites/routes", { data: { siteA: "cabin", siteB: "default" } });
  }
});
