import fs from "node:fs";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { apiContext } from "./auth";
import { readLab } from "./lab";
import { HostFormPage } from "./pages";

// Everything a mouse user does, done with Tab, Enter, Space, the arrow keys and Escape only:
// forms, a modal dialog, the status tabs and the "what is this?" lines.
const lab = readLab();
const key = fs.readFileSync(lab.clientKeyPath, "utf8");

/** Tab until `target` has the focus; an element Tab never reaches fails the test. */
async function tabTo(page: Page, target: Locator, max = 120) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`${target} is not reachable with Tab`);
}

test("the first Tab offers 'Skip to content', which jumps past the navigation", async ({ page }) => {
  await page.goto("/");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => document.activeElement?.closest("main") !== null)).toBe(true);
});

test("a host is added from the keyboard alone; a wrong field gets the focus and says why", async ({ page, playwright }) => {
  const api = await apiContext(playwright);
  const h = lab.hosts[0]!;
  const form = new HostFormPage(page);
  await form.open();
  const type = async (field: string, text: string) => {
    await tabTo(page, form.field(field));
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.type(text);
  };
  await type("Name", "kb-host");
  await type("Address", h.address);
  await type("Port", "70000");
  await type("SSH user", h.username);
  // A radio group is one Tab stop; the arrow keys choose within it.
  await tabTo(page, page.getByRole("radio", { checked: true }));
  const keyRadio = page.getByRole("radio", { name: "Key-based login" });
  for (let i = 0; i < 3 && !(await keyRadio.isChecked()); i++) await page.keyboard.press("ArrowRight");
  await expect(keyRadio).toBeChecked();
  await tabTo(page, form.field("Private key"));
  await page.keyboard.insertText(key);

  // Enter in a one-line field submits; the port is out of range.
  await form.field("SSH user").focus();
  await page.keyboard.press("Enter");
  await expect(form.field("Port")).toBeFocused();
  await expect(form.field("Port")).toHaveAttribute("aria-invalid", "true");
  // The reason is read out with the field (its description), not only painted beside it.
  await expect(form.field("Port")).toHaveAccessibleDescription(/\S/);

  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type(String(h.port));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/hosts\/\d+$/);
  const id = Number(page.url().split("/").pop());
  expect((await api.get(`/api/hosts/${id}`)).status()).toBe(200);

  // The delete dialog: opened with Enter, focus kept inside, Escape cancels and gives the focus back.
  const del = page.getByRole("button", { name: "Delete host" });
  await tabTo(page, del);
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Delete kb-host?" });
  await expect(dialog).toBeVisible();
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press("Tab");
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  }
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(del).toBeFocused();
  expect((await api.get(`/api/hosts/${id}`)).status()).toBe(200);

  await page.keyboard.press("Enter");
  await expect(dialog).toBeVisible();
  await tabTo(page, dialog.getByRole("button", { name: "Confirm delete" }), 6);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/$/);
  expect((await api.get(`/api/hosts/${id}`)).status()).toBe(404);
});

test("the findings status tabs and a 'what is this?' line work from the keyboard", async ({ page }) => {
  await page.goto("/findings");
  const history = page.getByRole("navigation", { name: "Finding status" }).getByRole("link", { name: /^History/ });
  await tabTo(page, history);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/[?&]tab=history/);
  await expect(page.getByRole("navigation", { name: "Finding status" }).getByRole("link", { name: /^History/ })).toHaveAttribute("aria-current", "page");

  await page.goto("/iperf");
  const question = page.getByText("What does this test?");
  const answer = page.getByText(/iperf3 sends as much data as it can/);
  await expect(answer).toBeHidden();
  await tabTo(page, question);
  await page.keyboard.press("Enter");
  await expect(answer).toBeVisible();
  await page.keyboard.press("Space");
  await expect(answer).toBeHidden();
});
