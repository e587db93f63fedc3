// "Apply to dates" for a month, as a user does it: the preview, applying it to a new schedule,
// a hand edit, the preview onto the open schedule and applying it there. For each step the
// time from the action to what the user waits for, and the page's longest main-thread task
// (PerformanceObserver `longtask`), and the longest of the app's User Timing measures (the step
// itself, as the app marks it). The example plan makes about 16,000 events in December,
// the dense one (a break every six minutes in every film, as in the engine's rules benchmark)
// about 31,000. Prints a table for docs/BENCHMARKS.md; asserts only that each step happened.
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test, expect, type Page } from "@playwright/test";
import { LibraryPage, PlansPanel, ScheduleEditor } from "../specs/pages";

const docs = new URL("../../../docs/formats/plan/", import.meta.url).pathname;

/** The example plan, or the dense one made from it. */
function planFile(dense: boolean): string {
  const example = readFileSync(join(docs, "example.plan.json"), "utf8");
  if (!dense) return join(docs, "example.plan.json");
  const breaks = `"breaks": {"at": "00:06:00", "length": "00:01:30:00", "spots": "spots"},`;
  const text = ["Morning films", "Late film", "Holiday films"].reduce(
    (t, title) => t.replace(`"title": "${title}",`, `"title": "${title}", ${breaks}`),
    example,
  );
  const path = join(mkdtempSync(join(tmpdir(), "sf-plan-bench-")), "dense.plan.json");
  writeFileSync(path, text);
  return path;
}

/** Starts collecting long tasks afresh. */
async function watch(page: Page) {
  await page.evaluate(() => {
    const w = window as any;
    w.__long = [];
    w.__started = performance.now();
    w.__observer?.disconnect();
    w.__observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__long.push(e.duration);
    });
    w.__observer.observe({ type: "longtask" });
  });
}

/**
 * Milliseconds since `watch`, the longest task since (after a moment for late reports), and
 * the longest of the app's own measures since (`scheduleflow: …`, the step itself).
 */
async function taken(page: Page) {
  const ms = await page.evaluate(() => performance.now() - (window as any).__started);
  await page.waitForTimeout(300);
  return page.evaluate((ms) => {
    const w = window as any;
    const own = performance
      .getEntriesByType("measure")
      .filter((m) => m.name.startsWith("scheduleflow: ") && m.startTime >= w.__started)
      .sort((a, b) => b.duration - a.duration)[0];
    const measure = own ? `${own.name.slice("scheduleflow: ".length)}: ${Math.round(own.duration)} ms` : "";
    return { ms: Math.round(ms), long: Math.round(Math.max(0, ...w.__long)), measure };
  }, ms);
}

for (const dense of [false, true]) {
  const which = dense ? "dense plan" : "example plan";
  test(`a month by the ${which}: preview, apply, hand edit, apply again onto it`, async ({ page }) => {
    test.setTimeout(600_000);
    const library = new LibraryPage(page);
    const plans = new PlansPanel(page);
    await library.goto();
    await page.getByLabel("Import files").setInputFiles(join(docs, "playlists.json"));
    await expect(library.playlists.getByRole("rowheader", { name: "Evening series" })).toBeVisible();
    await plans.openFile(planFile(dense));
    await expect(plans.row("Sample One")).toContainText("Mon–Fri Weekday");
    const rows: [string, { ms: number; long: number; measure: string }, string][] = [];

    await plans.row("Sample One").getByRole("button", { name: "Apply the plan of Sample One to dates" }).click();
    await plans.dialog.getByLabel("First broadcast day").fill("2026-12-01");
    await watch(page);
    await plans.dialog.getByLabel("Last broadcast day").fill("2026-12-31");
    await expect(plans.fact("Events made")).toHaveText(/^\d{4,}$/, { timeout: 60_000 });
    const made = await plans.fact("Events made").textContent();
    rows.push(["preview, a new schedule", await taken(page), `${made} events`]);

    await watch(page);
    await plans.apply();
    const editor = new ScheduleEditor(page);
    await expect(page.getByText(new RegExp(`25 fps · ${made} events`))).toBeVisible({ timeout: 60_000 });
    rows.push(["apply: stored and open", await taken(page), ""]);
    await editor.saved();

    const first = editor.rows().first();
    await first.click();
    await editor.field("Title").fill("Live: the tree lighting");
    await editor.applyForm();
    await expect(editor.row("Live: the tree lighting")).toBeVisible();
    await editor.saved();

    await page.getByRole("button", { name: "Apply plan…" }).click();
    await plans.dialog.getByLabel("First broadcast day").fill("2026-12-01");
    await watch(page);
    await plans.dialog.getByLabel("Last broadcast day").fill("2026-12-31");
    await expect(plans.dialog.getByLabel("Put it into")).toHaveValue("open");
    await expect(plans.fact("Hand edits kept")).toHaveText("1", { timeout: 60_000 });
    const again = await plans.fact("Events made").textContent();
    rows.push(["preview, onto the open schedule", await taken(page), `${again} events`]);

    await watch(page);
    await plans.apply();
    await expect(editor.button("Undo")).toHaveAttribute("title", "Undo: Apply the plan, 2026-12-01 to 2026-12-31");
    rows.push(["apply onto it: one undoable step", await taken(page), ""]);
    await watch(page);
    await editor.saved();
    rows.push(["…and stored", await taken(page), ""]);

    await watch(page);
    await editor.button("Undo").click();
    await expect(editor.button("Redo")).toHaveAttribute("title", "Redo: Apply the plan, 2026-12-01 to 2026-12-31");
    await editor.saved();
    rows.push(["undo it, and stored", await taken(page), ""]);
    await watch(page);
    await editor.button("Redo").click();
    await expect(editor.button("Undo")).toHaveAttribute("title", "Undo: Apply the plan, 2026-12-01 to 2026-12-31");
    await editor.saved();
    rows.push(["redo it, and stored", await taken(page), ""]);

    // The other plan onto the open month: every event the rules made changes (a run of the
    // whole month spliced in, undone and redone).
    await editor.back();
    await plans.openFile(planFile(!dense));
    await library.open("Sample One");
    await page.getByRole("button", { name: "Apply plan…" }).click();
    await plans.dialog.getByLabel("First broadcast day").fill("2026-12-01");
    await plans.dialog.getByLabel("Last broadcast day").fill("2026-12-31");
    await expect(plans.fact("Hand edits kept")).toHaveText("1", { timeout: 60_000 });
    const other = Number(await plans.fact("Events made").textContent()) + 1;
    const otherCount = page.getByText(new RegExp(`25 fps · ${other} events`));
    await watch(page);
    await plans.apply();
    await expect(otherCount).toBeVisible({ timeout: 60_000 });
    await editor.saved();
    rows.push(["the other plan onto it, and stored", await taken(page), `${other} events`]);
    await watch(page);
    await editor.button("Undo").click();
    await expect(editor.button("Redo")).toHaveAttribute("title", "Redo: Apply the plan, 2026-12-01 to 2026-12-31");
    await expect(otherCount).toBeHidden();
    await editor.saved();
    rows.push(["undo the other plan, and stored", await taken(page), ""]);
    await watch(page);
    await editor.button("Redo").click();
    await expect(otherCount).toBeVisible();
    await editor.saved();
    rows.push(["redo the other plan, and stored", await taken(page), ""]);

    console.log(`\n${which}, December 2026\n| step | time | longest task | longest own measure | |\n|---|---|---|---|---|`);
    for (const [step, { ms, long, measure }, note] of rows) {
      console.log(`| ${step} | ${ms} ms | ${long} ms | ${measure} | ${note} |`);
    }
  });
}
