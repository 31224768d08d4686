import { defineConfig, devices } from "@playwright/test";

// E2E_PORT lets two developers (or a developer and a running demo) test side by side.
const PORT = Number(process.env.E2E_PORT || 3210);

export default defineConfig({
  testDir: "e2e",
  forbidOnly: true,
  retries: 0,
  // One server, one database, one lab: tests that add hosts must not race each other.
  workers: 1,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [["list"], ["json", { outputFile: `test-results/e2e-${PORT}.json` }], ["html", { open: "never", outputFolder: `playwright-report/${PORT}` }]],
  outputDir: `test-results/e2e-artifacts-${PORT}`,
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
    },
  },
  projects: [
    // First-run setup through the UI; saves the admin's session and an API token for the rest.
    { name: "setup", testMatch: /auth\.setup\.ts/, use: { ...devices["Desktop Chrome"] } },
    {
      name: "chromium",
      dependencies: ["setup"],
      testIgnore: /auth\.(setup|spec)\.ts/,
      use: { ...devices["Desktop Chrome"], viewport: { width: 1280, height: 900 }, storageState: `test-results/.auth/state-${PORT}.json` },
    },
    // Login/logout flows start signed out.
    { name: "auth", dependencies: ["setup"], testMatch: /auth\.spec\.ts/, use: { ...devices["Desktop Chrome"] } },
  ],
  webServer: {
    // A freshly migrated SQLite file for every run (see e2e/serve.sh).
    command: `bash e2e/serve.sh ${PORT}`,
    url: `http://127.0.0.1:${PORT}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
  },
});
