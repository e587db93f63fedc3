// A year of a busy channel in the app: a 1,000,000-event ScheduleFlow XML file (154 MB, from
// `scheduleflow gen`; `BENCH_FORMAT=sf-json` for ScheduleFlow JSON, 255 MB) chosen with "Choose files…", imported, opened (and checked), scrolled end
// to end, edited, exported, closed, the page reloaded, and the schedule deleted. For each step it prints the time and the long tasks
// (PerformanceObserver `longtask`: main-thread tasks over 50 ms), and the wasm memory the import
// left on the page and in the workers, for docs/BENCHMARKS.md. Asserts
// only that each step finished: speed belongs in the benchmark's figures, not in a pass or fail.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test, expect, type Page } from "@playwright/test";
import { quantile, scrollFrames } from "./scroll";
import { takeLongTaskDurations, watchLongTasks } from "./tasks";

const repo = new URL("../../../", import.meta.url).pathname;
const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
/** The file's format: `sf-xml` (the default) or `sf-json`. */
const FORMAT = process.env.BENCH_FORMAT === "sf-json" ? "sf-json" : "sf-xml";

/** The generated file's path; the release CLI writes it in a second or two. */
function generated(): string {
  execFileSync("cargo", ["build", "-q", "--release", "-p", "scheduleflow-cli"], { cwd: repo });
  const out = join(mkdtempSync(join(tmpdir(), "sf-million-")), FORMAT === "sf-json" ? "year.json" : "year.xml");
  execFileSync(join(repo, "target/release/scheduleflow"), ["gen", "--events", String(EVENTS), "--to", FORMAT, "-o", out], { stdio: "ignore" });
  if (!existsSync(out)) throw new Error("the file was not generated");
  return out;
}

async function takeLongTasks(page: Page): Promise<string> {
  const d = await takeLongTaskDurations(page);
  return `${Math.max(0, ...d).toFixed(0)} ms | ${d.length}`;
}

/** The page's latest User Timing measure of each name that starts with `prefix` (the app's
 * own steps), in ms, without the prefix. */
async function ownMeasures(page: Page, prefix: string): Promise<[string, number][]> {
  return page.evaluate((prefix) => {
    const latest = new Map<string, number>();
    for (const m of performance.getEntriesByType("measure")) {
      if (m.name.startsWith(prefix)) latest.set(m.name.slice(prefix.length), Math.round(m.duration));
    }
    return [...latest];
  }, prefix);
}

/** The page's wasm memory and each worker's (the document worker, which holds the open
 * schedule, and the import workers), in MB (wasm memory grows and never shrinks, so this is each
 * one's peak so far). */
async function wasmMemory(page: Page): Promise<string> {
  const mb = (bytes: number) => (bytes / 1e6).toFixed(0);
  const onPage: number = await page.evaluate(() => (window as any).__wasmMemory?.buffer.byteLength ?? 0);
  const workers: string[] = [];
  for (const w of page.workers()) {
    const [name, bytes]: [string, number] = await w.evaluate(async () => [
      (self as any).name ?? "",
      (await (self as any).scheduleflow)?.memory.buffer.byteLength ?? 0,
    ]);
    if (name.startsWith("scheduleflow-")) workers.push(`${name.replace("scheduleflow-", "")} ${mb(bytes)}`);
  }
  return `page ${mb(onPage)} MB; workers (MB): ${workers.sort().join(", ")}`;
}

test("a million events: import, open, scroll, edit, export, close, reload, delete", async ({ page }) => {
  const file = generated();
  const rows: string[] = [];
  await watchLongTasks(page);
  await page.addInitScript(() => {
    addEventListener("ScheduleFlowEditorStarted", (e: any) => ((window as any).__wasmMemory = e.detail.wasm.memory));
  });
  let started = Date.now();
  await page.goto("/");
  await expect(page.getByText("No schedules yet.")).toBeVisible();
  await page.waitForTimeout(1_000); // the workers start half a second after the page
  rows.push(`| first load (library shown, workers started) | ${Date.now() - started} ms | ${await takeLongTasks(page)} |`);

  started = Date.now();
  await page.getByLabel("Import files").setInputFiles(file);
  await expect(page.getByText(`${EVENTS} event(s)`)).toBeVisible({ timeout: 600_000 });
  const mb = (statSync(file).size / 1e6).toFixed(0);
  rows.push(`| import ${EVENTS} events (${mb} MB ${FORMAT}) | ${Date.now() - started} ms | ${await takeLongTasks(page)} |`);
  rows.push(`| wasm memory after the import | ${await wasmMemory(page)} | | |`);

  started = Date.now();
  await page.getByRole("button", { name: /^Open Synthetic/ }).click();
  await expect(page.getByRole("gridcell", { name: "ev000000", exact: true })).toBeVisible({ timeout: 120_000 });
  rows.push(`| open it (first rows shown) | ${Date.now() - started} ms | ${await takeLongTasks(page)} |`);
  await expect(page.getByText("Reading the schedule from storage…")).toHaveCount(0, { timeout: 120_000 });
  rows.push(`| open it (all read, editing ready) | ${Date.now() - started} ms | ${await takeLongTasks(page)} |`);
  for (const [name, ms] of await ownMeasures(page, "scheduleflow: open, ")) rows.push(`| … ${name} | ${ms} ms | | |`);
  rows.push(`| wasm memory with it open | ${await wasmMemory(page)} | | |`);

  started = Date.now();
  const validation = page.getByRole("region", { name: "Validation" });
  await expect(validation.getByText(/^(No problems found\.|\d+ error\(s\))/)).toBeVisible({ timeout: 120_000 });
  rows.push(`| its check, in slices after the rows show | ${Date.now() - started} ms | ${await takeLongTasks(page)} |`);

  const frames = await scrollFrames(page);
  const lastId = `ev${String(EVENTS - 1).padStart(6, "0")}`;
  await expect(page.getByRole("gridcell", { name: lastId, exact: true })).toBeVisible();
  const p = (q: number) => quantile(frames, q);
  rows.push(`| scroll top to bottom, 200 steps | frames: median ${p(0.5)} ms, p95 ${p(0.95)} ms | ${await takeLongTasks(page)} |`);

  started = Date.now();
  await page.getByRole("gridcell", { name: lastId, exact: true }).click();
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(page.getByText(`· ${EVENTS - 1} events ·`)).toBeVisible({ timeout: 60_000 });
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(page.getByText(`· ${EVENTS} events ·`)).toBeVisible({ timeout: 60_000 });
  rows.push(`| edit: delete the last event, then undo | ${Date.now() - started} ms | ${await takeLongTasks(page)} |`);

  started = Date.now();
  const downloading = page.waitForEvent("download", { timeout: 300_000 });
  await page.getByRole("button", { name: "Export this schedule" }).click();
  const exported = statSync(await (await downloading).path()).size;
  rows.push(`| export it (ScheduleFlow JSON, ${(exported / 1e6).toFixed(0)} MB) | ${Date.now() - started} ms | ${await takeLongTasks(page)} |`);

  started = Date.now();
  await page.getByRole("button", { name: "Back to the library" }).click();
  await expect(page.getByRole("button", { name: /^Open Synthetic/ })).toBeVisible();
  rows.push(`| back to the library | ${Date.now() - started} ms | ${await takeLongTasks(page)} |`);

  started = Date.now();
  await page.reload();
  await expect(page.getByRole("button", { name: /^Open Synthetic/ })).toBeVisible({ timeout: 300_000 });
  rows.push(`| reload (library read back from storage) | ${Date.now() - started} ms | ${await takeLongTasks(page)} |`);

  // The edit and its undo were logged after the stored summary: the row is checked again.
  started = Date.now();
  const row = page.getByRole("row", { name: /Synthetic/ });
  await expect(row).not.toContainText("checking…", { timeout: 120_000 });
  rows.push(`| its library row's check, in slices after the reload | ${Date.now() - started} ms | ${await takeLongTasks(page)} |`);

  started = Date.now();
  await page.getByRole("button", { name: /^Delete Synthetic/ }).click();
  await expect(page.getByText("No schedules yet.")).toBeVisible({ timeout: 120_000 });
  rows.push(`| delete it | ${Date.now() - started} ms | ${await takeLongTasks(page)} |`);

  console.log("\n| step | time | longest main-thread task | long tasks |");
  console.log("|---|---|---|---|");
  for (const r of rows) console.log(r);
});
