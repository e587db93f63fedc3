// A big schedule through every step a user takes with it: chosen with "Choose files…",
// imported, opened from storage, checked, scrolled end to end, edited, exported alone and with
// "Export all" (the very bytes the command line writes for the same file), deleted and undone,
// deleted for good. At a year
// of a busy channel: 1,000,000 events, 154 MB of ScheduleFlow XML (`YEAR_EVENTS=…` for another
// count); the million-event benchmark times the same steps.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "@playwright/test";
import { scheduleflow } from "./cli";
import { expectNoProblems, test } from "./fixtures";
import { LibraryPage, ScheduleEditor } from "./pages";

const EVENTS = Number(process.env.YEAR_EVENTS ?? 1_000_000);
const id = (n: number) => `ev${String(n).padStart(6, "0")}`;

test.setTimeout(Math.max(120_000, EVENTS / 2));

/** The generated file and the command line's conversion: 400 MB at a million events. */
let dir = "";
test.afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test(`a schedule of ${EVENTS} events is imported, opened, scrolled, edited, exported as the CLI writes it, and deleted`, async ({
  page,
  problems,
}) => {
  dir = mkdtempSync(join(tmpdir(), "sf-year-"));
  const file = join(dir, "year.xml");
  scheduleflow(["gen", "--events", String(EVENTS), "--to", "sf-xml", "-o", file]);
  const expectedJson = join(dir, "year.json");
  scheduleflow(["convert", file, "--to", "sf-json", "-o", expectedJson]);
  const expectedXml = join(dir, "again.xml");
  scheduleflow(["convert", file, "--to", "sf-xml", "-o", expectedXml]);

  const library = new LibraryPage(page);
  await library.goto();
  await expect(page.getByText("No schedules yet.")).toBeVisible();
  await page.getByLabel("Import files").setInputFiles(file);
  await expect(page.getByText(`${EVENTS} event(s)`)).toBeVisible({ timeout: 300_000 });
  const row = library.region.getByRole("row", { name: /Synthetic/ });
  await expect(row).toContainText(String(EVENTS));

  // A year of events takes a second or more to read from storage: the panel shows how far it
  // has come, its first day's rows show meanwhile, and the editing tools wait for the rest (too
  // quick to catch at small counts).
  if (EVENTS >= 500_000) {
    await page.getByRole("button", { name: /^Open Synthetic/ }).click();
    const editing = new ScheduleEditor(page);
    await expect(editing.validation.getByRole("status")).toHaveText("Reading the schedule from storage…");
    await expect(editing.validation.getByRole("progressbar", { name: "Read so far" })).toBeVisible();
    await expect(editing.grid.getByRole("gridcell", { name: id(0), exact: true })).toBeVisible();
    await expect(editing.validation.getByRole("status")).toHaveText("Reading the schedule from storage…");
    await expect(editing.grid).not.toHaveAttribute("aria-rowcount", String(EVENTS + 1));
    await expect(editing.toolbar).toHaveAttribute("inert", "");
    await editing.read();
    await expect(editing.toolbar).not.toHaveAttribute("inert");
    await editing.back();
  }
  const editor = await library.open(/^Open Synthetic/);
  await expect(editor.grid).toHaveAttribute("aria-rowcount", String(EVENTS + 1));
  await expect(editor.grid.getByRole("gridcell", { name: id(0), exact: true })).toBeVisible();
  await expect(editor.validation.getByText("No problems found.")).toBeVisible({ timeout: 120_000 });

  // End to end: the grid's box scrolls to its bottom and shows the last event.
  await editor.grid.evaluate((grid) => {
    const box = grid.parentElement!;
    box.scrollTop = box.scrollHeight;
  });
  const last = editor.grid.getByRole("gridcell", { name: id(EVENTS - 1), exact: true });
  await expect(last).toBeVisible();

  // An edit and its undo, each stored.
  await last.click();
  await editor.button("Delete").click();
  await expect(page.getByText(`· ${EVENTS - 1} events ·`)).toBeVisible({ timeout: 60_000 });
  await expect(editor.grid).toHaveAttribute("aria-rowcount", String(EVENTS));
  await editor.button("Undo").click();
  await expect(page.getByText(`· ${EVENTS} events ·`)).toBeVisible({ timeout: 60_000 });
  await editor.saved();

  // The export, in pieces into one download, is byte for byte what the command line writes.
  const downloading = page.waitForEvent("download", { timeout: 300_000 });
  await page.getByRole("button", { name: "Export this schedule" }).click();
  const exported = readFileSync((await (await downloading).path())!);
  expect(exported.equals(readFileSync(expectedJson)), "the export equals `scheduleflow convert --to sf-json`").toBe(true);

  // "Export all (XML)", a schedule at a time in pieces: the library of one schedule is the
  // document the command line writes for it.
  await editor.back();
  const batch = page.waitForEvent("download", { timeout: 300_000 });
  await page.getByRole("button", { name: "Export all (XML)" }).click();
  const all = readFileSync((await (await batch).path())!);
  expect(all.equals(readFileSync(expectedXml)), "Export all equals `scheduleflow convert --to sf-xml`").toBe(true);

  // Deleted, undone, reloaded: back as it was; deleted again: gone after a reload too.
  await page.getByRole("button", { name: /^Delete Synthetic/ }).click();
  await expect(page.getByText("No schedules yet.")).toBeVisible();
  await page.getByRole("button", { name: /^Undo delete of Synthetic/ }).click();
  await expect(row).toContainText(String(EVENTS));
  await page.reload();
  await expect(row).toContainText(String(EVENTS));
  await page.getByRole("button", { name: /^Delete Synthetic/ }).click();
  await expect(page.getByText("No schedules yet.")).toBeVisible();
  // Stored once the page says so; a reload before then would find it not yet deleted.
  await expect(page.getByRole("status").filter({ hasText: /Deleted “Synthetic/ })).toBeVisible();
  await page.reload();
  await expect(page.getByText("No schedules yet.")).toBeVisible();
  await expectNoProblems(page, problems);
});
