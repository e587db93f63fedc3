// "Schedule a playlist" for a year, as a user does it: the sample's fillers (four items of 60 to
// 150 s) previewed for a week, then a year's length typed key by key (each key a new preview),
// then created, opened and checked. For each step it prints the time to what the user waits for
// and the page's long tasks (PerformanceObserver `longtask`: main-thread tasks over 50 ms), for
// docs/BENCHMARKS.md. Asserts only that each step happened.
import { test, expect, type Page } from "@playwright/test";
import { LibraryPage } from "../specs/pages";
import { takeLongTaskDurations, watchLongTasks } from "./tasks";

async function takeLongTasks(page: Page): Promise<string> {
  const d = await takeLongTaskDurations(page);
  return `${Math.max(0, ...d).toFixed(0)} ms | ${d.length}`;
}

test("Schedule a playlist for a year: preview as it is typed, create, open, check", async ({ page }) => {
  await watchLongTasks(page);
  const library = new LibraryPage(page);
  await library.goto();
  await library.loadSample();
  await page.getByRole("button", { name: "Schedule playlist Sample fillers" }).click();
  const dialog = page.getByRole("dialog", { name: "Schedule a playlist" });
  const preview = dialog.getByRole("region", { name: "Preview" });
  const length = dialog.getByLabel("Length (timecode)");
  const events = async () => Number(/Events(\d+)/.exec((await preview.textContent()) ?? "")?.[1] ?? 0);
  await dialog.getByLabel("First broadcast day").fill("2026-12-01");
  await expect(preview).toContainText("error(s)");
  await takeLongTaskDurations(page);
  const rows: string[] = [];

  let started = Date.now();
  await length.fill("168:00:00:00");
  await expect(preview).toContainText("168:00:00:00");
  rows.push(`| preview a week (${await events()} events) | ${Date.now() - started} ms | ${await takeLongTasks(page)} |`);

  // Typed as a person types it: every key changes the form, so every key asks for a preview.
  started = Date.now();
  await length.fill("");
  await length.pressSequentially("8760:00:00:00", { delay: 50 });
  const typed = Date.now() - started;
  await expect(preview).toContainText("8760:00:00:00", { timeout: 120_000 });
  const year = await events();
  rows.push(`| type a year's length key by key (13 keys in ${typed} ms), to its preview (${year} events) | ${Date.now() - started} ms | ${await takeLongTasks(page)} |`);

  started = Date.now();
  await dialog.getByRole("button", { name: "Create schedule" }).click();
  await expect(page.getByRole("heading", { name: "Sample One from Sample fillers" })).toBeVisible({ timeout: 120_000 });
  await expect(page.getByText(`· ${year} events ·`)).toBeVisible({ timeout: 120_000 });
  rows.push(`| create it: stored, opened, first rows shown | ${Date.now() - started} ms | ${await takeLongTasks(page)} |`);

  started = Date.now();
  const validation = page.getByRole("region", { name: "Validation" });
  await expect(validation.getByText(/^(No problems found\.|\d+ error\(s\))/)).toBeVisible({ timeout: 120_000 });
  rows.push(`| its check, in slices | ${Date.now() - started} ms | ${await takeLongTasks(page)} |`);

  console.log("\n| step | time | longest main-thread task | long tasks |");
  console.log("|---|---|---|---|");
  for (const r of rows) console.log(r);
});
