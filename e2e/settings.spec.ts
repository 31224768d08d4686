import { expect, test } from "@playwright/test";
import { apiContext } from "./auth";

// Settings stored in the database, each starting at its environment variable.

test("collection and thresholds: a wrong value is named beside its field and nothing is saved; a good one is saved and can go back to the default", async ({ page, playwright }) => {
  const api = await apiContext(playwright);
  const before = await (await api.get("/api/settings")).json();
  expect(before.defaults).toMatchObject({ collectIntervalMinutes: 0, dfProbeIntervalHours: 24, asymmetryRatio: 0.75 });

  await page.goto("/settings");
  const form = page.getByRole("form", { name: "Collection and thresholds" });
  const df = form.getByRole("spinbutton", { name: /^Re-check jumbo-frame paths every \(hours\)/ });
  const ratio = form.getByRole("spinbutton", { name: /^Flag a speed test as lopsided below/ });
  await expect(df).toHaveValue(String(before.values.dfProbeIntervalHours));

  await df.fill("2.5");
  await ratio.fill("3");
  await form.getByRole("button", { name: "Save settings" }).click();
  await expect(form.getByRole("alert")).toHaveText("Check the fields marked below; nothing was saved.");
  await expect(df).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByText("Don't-fragment ping interval must be a whole number")).toBeVisible();
  await expect(form.getByText("Asymmetry ratio: at most 1")).toBeVisible();
  expect((await (await api.get("/api/settings")).json()).values).toEqual(before.values);

  await df.fill("6");
  await ratio.fill("0.6");
  await form.getByRole("button", { name: "Save settings" }).click();
  await expect(form.getByRole("status")).toHaveText("Saved.");
  const saved = await (await api.get("/api/settings")).json();
  expect(saved.values).toMatchObject({ dfProbeIntervalHours: 6, asymmetryRatio: 0.6 });
  expect(saved.saved.sort()).toEqual(["asymmetryRatio", "dfProbeIntervalHours"]);

  // After a reload the page shows what is stored, and each saved field can go back to the default.
  await page.reload();
  await expect(df).toHaveValue("6");
  for (const field of [df, ratio]) {
    const reset = field.locator("xpath=..").getByRole("button", { name: "Use default" });
    await reset.click();
    await expect(reset).toHaveCount(0);
  }
  await expect(df).toHaveValue("24");
  expect((await (await api.get("/api/settings")).json()).saved).toEqual([]);
});
