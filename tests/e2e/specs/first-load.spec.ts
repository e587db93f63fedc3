// The first load: a small shell shows the stored library and takes files while the editor (the
// rest of the app, its own wasm) loads; the editor then takes the page over.
import { gzipSync } from "node:zlib";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { test, expect, expectNoProblems } from "./fixtures";
import { drop, dragged, dropFiles, sample } from "./files";

// The service worker would answer the editor's requests before the test's routes could hold them.
test.use({ serviceWorkers: "block" });

const EDITOR_WASM = /\/scheduleflow-editor-[0-9a-f]+_bg\.wasm$/;
const ffplayout = sample("ffplayout/2026-03-28.json");
const xmltv = sample("xmltv/berlin-fall-back.xml");

/** Holds the editor's wasm (or what `url` matches) back until the returned function is called. */
async function holdEditor(page: Page, url: string | RegExp = EDITOR_WASM): Promise<() => void> {
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(url, async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

/** The library's rows as text, cell by cell, without the editor's actions column. */
async function rowCells(page: Page): Promise<string[][]> {
  const rows = page.getByRole("region", { name: "Library" }).getByRole("row");
  return (await rows.evaluateAll((trs) =>
    trs.slice(1).map((tr) => [...tr.children].slice(0, 6).map((cell) => cell.textContent?.trim() ?? "")),
  )) as string[][];
}

test("the stored library shows before the editor has loaded, and files dropped meanwhile are imported once it has", async ({
  page,
  problems,
}) => {
  await page.goto("/");
  await dropFiles(page, [ffplayout]);
  const library = page.getByRole("region", { name: "Library" });
  await expect(library.getByRole("button", { name: "Open Channel 1 2026-03-28" })).toBeVisible();
  await expect(library.getByText("checking…")).toHaveCount(0);
  const editorRows = await rowCells(page);

  const release = await holdEditor(page);
  await page.reload();
  await expect(library.getByRole("rowheader", { name: "Channel 1 2026-03-28" })).toBeVisible();
  // The shell's row is the editor's, actions aside, which come with the editor.
  expect(await rowCells(page)).toEqual(editorRows);
  await expect(page.getByRole("button", { name: /^Open / })).toHaveCount(0);
  await expect(library.getByText("Loading the editor…")).toBeVisible();

  const dataTransfer = await dragged(page, [xmltv]);
  await page.dispatchEvent("main", "dragenter", { dataTransfer });
  await expect(page.getByRole("status").filter({ hasText: "Drop to import" })).toBeVisible();
  await drop(page, dataTransfer);
  await expect(page.getByText("Drop to import")).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: "1 file will be imported as soon as the editor has loaded." })).toBeVisible();
  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ") + " " + n.failureSummary).join("; ")}`), "the shell's accessibility").toEqual([]);
  // The keyboard's place is kept across the takeover.
  await page.getByLabel("Import files").focus();
  const shellPicker = await page.getByLabel("Import files").elementHandle();
  release();
  await expect(library.getByRole("button", { name: "Open Eins guide" })).toBeVisible();
  await expect(page.getByLabel("Import files")).toBeFocused();
  await expect(library.getByRole("button", { name: "Open Channel 1 2026-03-28" })).toBeVisible();
  await expect(library.getByRole("row")).toHaveCount(3);
  await expect(page.getByRole("region", { name: "Imports" })).toContainText("XMLTV guide: 1 schedule(s), 0 playlist(s), 3 event(s)");
  // Only one page frame is left: the shell's went when the editor took over.
  await expect(page.getByRole("heading", { name: "ScheduleFlow", level: 1 })).toHaveCount(1);
  await expect(page.getByText("will be imported as soon as")).toHaveCount(0);
  await expect(page.getByText("Loading the editor…")).toHaveCount(0);
  // The shell's file dialog, still open as the editor took over, closes with a file chosen:
  // the editor imports it.
  await shellPicker!.evaluate((input: HTMLInputElement) => {
    const chosen = new DataTransfer();
    chosen.items.add(new File(["#EXTM3U\n#EXTINF:10,Late item\nlate.mp4\n"], "late.m3u8"));
    input.files = chosen.files;
    input.dispatchEvent(new Event("change", { bubbles: true }));
  });
  await expect(page.getByRole("region", { name: "Playlists" }).getByRole("rowheader", { name: "late" })).toBeVisible();
  // Playwright says it blocked the service worker; nothing else may be said.
  problems.console = problems.console.filter((m) => m !== "Service Worker registration blocked by Playwright");
  await expectNoProblems(page, problems);
});

test("what the page downloads before its library is usable is under 300 KB gzipped", async ({ page }) => {
  const bodies: Promise<[string, number]>[] = [];
  page.on("response", (response) => {
    bodies.push(response.body().then((b) => [new URL(response.url()).pathname, gzipSync(b, { level: 9 }).length], () => ["", 0]));
  });
  // Nothing of the editor, not even the script that starts it, counts.
  const release = await holdEditor(page, /\/editor-boot-[0-9a-f]+\.js$/);
  await page.goto("/");
  await expect(page.getByRole("region", { name: "Library" })).toContainText("No schedules yet.");
  await expect(page.getByText("Choose files…")).toBeVisible();
  const loaded = await Promise.all(bodies);
  const total = loaded.reduce((sum, [, size]) => sum + size, 0);
  expect(loaded.map(([path]) => path).filter((p) => p.endsWith(".wasm"))).toEqual([
    expect.stringMatching(/^\/scheduleflow-app-[0-9a-f]+_bg\.wasm$/),
  ]);
  expect(total, loaded.map(([p, s]) => `${p} ${s}`).join("\n")).toBeLessThan(300 * 1024);
  release();
});

test("an editor that cannot be loaded is said so, and the library stays shown", async ({ page }) => {
  await page.route(EDITOR_WASM, (route) => route.abort());
  await page.goto("/");
  await expect(page.getByRole("alert")).toContainText("The editor could not be loaded");
  await expect(page.getByRole("alert")).toContainText("Reload the page to try again.");
  await expect(page.getByText("Loading the editor…")).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Library" })).toContainText("No schedules yet.");
});
