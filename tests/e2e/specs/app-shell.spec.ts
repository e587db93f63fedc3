// The app shell: it loads under its strict CSP and shows the engine that runs inside wasm.
import { readFileSync } from "node:fs";
import { test, expect, expectNoProblems } from "./fixtures";
import { untimedAsSchedules } from "./pages";
import { dropFiles, sample } from "./files";

const workspaceVersion = (() => {
  const manifest = readFileSync(new URL("../../../Cargo.toml", import.meta.url), "utf8");
  const section = manifest.split("[workspace.package]")[1] ?? "";
  const match = section.match(/^version\s*=\s*"([^"]+)"/m);
  if (!match) throw new Error("no [workspace.package] version in Cargo.toml");
  return match[1];
})();

test("shows the engine version reported by the wasm engine, with no console error or CSP violation", async ({
  page,
  problems,
}) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "ScheduleFlow", level: 1 })).toBeVisible();
  await expect(page.getByTestId("engine-version")).toHaveText(workspaceVersion);
  await expect(page.getByRole("region", { name: "Library" })).toContainText("No schedules yet.");
  await expect(page.getByRole("button", { name: "Export all (XML)" })).toBeDisabled();
  await expect(page.getByRole("region", { name: "Import" })).toBeVisible();
  await expectNoProblems(page, problems);
});

test("the page declares a CSP that allows only same-origin scripts and wasm compilation", async ({
  page,
}) => {
  await page.goto("/");
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(csp).not.toContain("unsafe-inline");
  expect(csp).not.toContain("'unsafe-eval'");
  // No inline script survives the build: every script is loaded from a same-origin file.
  const inlineScripts = await page.locator("script:not([src])").count();
  expect(inlineScripts).toBe(0);
});

test("follows the system colour scheme", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/");
  await expect(page.getByTestId("engine-version")).toBeVisible();
  const darkBg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.emulateMedia({ colorScheme: "light" });
  const lightBg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(darkBg).not.toEqual(lightBg);
});

test("the theme picked in the top bar is used and remembered across a reload", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/");
  const theme = page.getByRole("combobox", { name: "Theme" });
  await expect(theme).toHaveValue("system");
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const light = await background();
  await theme.selectOption("dark");
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  expect(await background()).not.toBe(light);
  await page.reload();
  await expect(theme).toHaveValue("dark");
  expect(await background()).not.toBe(light);
  await theme.selectOption("system");
  await expect(page.locator("html")).not.toHaveAttribute("data-theme", /./);
  expect(await background()).toBe(light);
});

test("after the first load the app works offline, imports included", async ({ page, context, problems }) => {
  await page.goto("/");
  // The service worker has cached the build and taken charge of the page.
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await expect(page.getByText("No schedules yet.")).toBeVisible();
  await context.setOffline(true);
  const fromCache: string[] = [];
  page.on("response", (r) => r.fromServiceWorker() && fromCache.push(new URL(r.url()).pathname));
  await page.reload();
  await expect(page.getByTestId("engine-version")).not.toBeEmpty();
  // The network is really gone, for the service worker too: a file it never cached fails (asked
  // from a second tab, whose expected console error is not this page's problem).
  const probe = await context.newPage();
  await probe.goto("/");
  const uncached = await probe.evaluate(() =>
    fetch(`/not-cached-${Date.now()}`).then((r) => `answered ${r.status}`, () => "failed"),
  );
  expect(uncached).toBe("failed");
  await probe.close();
  // Both the first-load shell and the editor it loads.
  for (const wasm of [/\/scheduleflow-app-[0-9a-f]+_bg\.wasm$/, /\/scheduleflow-editor-[0-9a-f]+_bg\.wasm$/]) {
    expect(fromCache.some((p) => wasm.test(p)), `${wasm} served by the service worker: ${fromCache}`).toBe(true);
  }
  await untimedAsSchedules(page);
  await dropFiles(page, [sample("m3u/evening.m3u8")]);
  await expect(page.getByRole("region", { name: "Library" }).getByRole("row")).toHaveCount(2);
  await context.setOffline(false);
  await expectNoProblems(page, problems);
});

test("the page can be installed: it links a web app manifest with a name and an icon", async ({ page, request }) => {
  await page.goto("/");
  const href = await page.locator('link[rel="manifest"]').getAttribute("href");
  const manifest = await (await request.get(`/${href}`)).json();
  expect(manifest.name).toBe("ScheduleFlow");
  expect(manifest.display).toBe("standalone");
  const icon = await request.get(`/${manifest.icons[0].src}`);
  expect(icon.ok()).toBe(true);
});
