import fs from "node:fs";
import path from "node:path";
import { expect, type Page, type TestInfo } from "@playwright/test";

// Page objects for the host flows: tests say what a user does, these say how.
export class HostFormPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.goto("/hosts/new");
    await expect(this.page.getByRole("heading", { name: "Add host" })).toBeVisible();
  }

  async fill(h: { name: string; address: string; port?: number; username?: string; privateKey: string }) {
    const p = this.page;
    const box = (name: string) => p.getByRole("textbox", { name, exact: true });
    await box("Name").fill(h.name);
    await box("Address").fill(h.address);
    if (h.port !== undefined) await box("Port").fill(String(h.port));
    if (h.username !== undefined) await box("SSH user").fill(h.username);
    await p.getByRole("radio", { name: "Key-based login" }).check();
    await box("Private key").fill(h.privateKey);
  }

  field(name: string) {
    return this.page.getByRole("textbox", { name, exact: true });
  }

  async submit() {
    await this.page.getByRole("button", { name: "Add host" }).click();
  }
}

export class HostPage {
  constructor(readonly page: Page) {}

  async collectNow() {
    await this.page.getByRole("button", { name: "Collect now" }).click();
  }

  interfaces() {
    return this.page.getByRole("table", { name: "Interfaces" });
  }

  neighbors() {
    return this.page.getByRole("table", { name: "Neighbors" });
  }
}

/** Full-page screenshot kept with the run's artifacts (test-results/screenshots). */
export async function keepScreenshot(page: Page, testInfo: TestInfo, name: string) {
  const dir = path.resolve(__dirname, "../test-results/screenshots");
  // Kept where CI leaves its artifacts; overwritten by each run.
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  await testInfo.attach(name, { path: file, contentType: "image/png" });
}
