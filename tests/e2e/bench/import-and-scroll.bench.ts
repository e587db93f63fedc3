// How the page behaves with big schedules: import time, the longest time the main thread was
// busy (long tasks), and frame intervals while the 50,000-row table scrolls. Prints a table for
// docs/BENCHMARKS.md; asserts nothing about speed (machines differ), only that the work finished.
import { test, expect } from "@playwright/test";
import { bigSchedule, drop, dragged, dropFiles, text } from "../specs/files";
import { quantile, scrollFrames } from "./scroll";

type LongTasks = { count: number; longest: number; total: number };

async function watchLongTasks(page: import("@playwright/test").Page) {
  await page.evaluate(() => {
    const w = window as any;
    w.__long = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__long.push(e.duration);
    }).observe({ type: "longtask" });
  });
}

async function takeLongTasks(page: import("@playwright/test").Page): Promise<LongTasks> {
  return page.evaluate(() => {
    const d: number[] = (window as any).__long.splice(0);
    return { count: d.length, longest: Math.max(0, ...d), total: d.reduce((a, b) => a + b, 0) };
  });
}

const rows: string[] = [];

/** The big schedule with its last event cut short: it fails to import only at the very end. */
function brokenAtTheEnd(events: number): string {
  return bigSchedule(events).replace(/,"kind":"[a-z]+"\}\]\}\]\}$/, ',"kind":"programme"');
}

// Each import runs twice: in the import workers, and on the page (the worker's script blocked,
// as when workers cannot start), so the two can be compared within one run. The service worker
// is blocked: once it controls the page it would serve the worker's script past the route.
test.use({ serviceWorkers: "block" });
for (const where of ["workers", "page"] as const) {
  for (const [label, events, content] of [
    ["import", 5_000, bigSchedule(5_000)],
    ["import", 20_000, bigSchedule(20_000)],
    ["import", 50_000, bigSchedule(50_000)],
    ["refuse (broken at the end)", 50_000, brokenAtTheEnd(50_000)],
  ] as const) {
    test(`${label} ${events} events, on the ${where}`, async ({ page }) => {
      if (where === "page") {
        await page.route("**/worker-loader*.js", (route) => route.fulfill({ status: 404, body: "" }));
      }
      const file = text("big.json", content);
      await page.goto("/");
      await expect(page.getByText("No schedules yet.")).toBeVisible();
      await page.waitForTimeout(1_000); // let the workers start
      await watchLongTasks(page);
      // Building the file in the page is the test's work, not the app's: leave it out.
      const data = await dragged(page, [file]);
      await takeLongTasks(page);
      const started = Date.now();
      await drop(page, data);
      const report = label === "import" ? page.getByText(`${events} event(s)`) : page.getByRole("alert");
      await expect(report).toBeVisible({ timeout: 120_000 });
      const elapsed = Date.now() - started;
      const long = await takeLongTasks(page);
      const mib = (Buffer.from(file.base64, "base64").length / 1048576).toFixed(1);
      rows.push(`| ${label} ${events} events (${mib} MiB), ${where === "page" ? "on the page" : "in workers"} | ${elapsed} ms | ${long.longest.toFixed(0)} ms | ${long.count} / ${long.total.toFixed(0)} ms |`);
    });
  }
}

test("open and scroll 50,000 events", async ({ page }) => {
  await page.goto("/");
  await dropFiles(page, [text("big.json", bigSchedule(50_000))]);
  await expect(page.getByText("50000 event(s)")).toBeVisible({ timeout: 120_000 });
  await watchLongTasks(page);
  const started = Date.now();
  await page.getByRole("button", { name: "Open Big day" }).click();
  await expect(page.getByRole("gridcell", { name: "Event 0", exact: true })).toBeVisible();
  const opened = Date.now() - started;
  const openLong = await takeLongTasks(page);
  rows.push(`| open the 50,000-event schedule | ${opened} ms | ${openLong.longest.toFixed(0)} ms | ${openLong.count} / ${openLong.total.toFixed(0)} ms |`);

  const frames = await scrollFrames(page);
  await expect(page.getByRole("gridcell", { name: "Event 49999", exact: true })).toBeVisible();
  const p = (q: number) => quantile(frames, q);
  const scrollLong = await takeLongTasks(page);
  rows.push(`| scroll 50,000 rows top to bottom, 200 steps | frames: median ${p(0.5)} ms, p95 ${p(0.95)} ms, max ${p(1)} ms | ${scrollLong.longest.toFixed(0)} ms | ${scrollLong.count} / ${scrollLong.total.toFixed(0)} ms |`);
});

test.afterAll(() => {
  console.log("\n| what | time | longest main-thread task | long tasks / their total |");
  console.log("|---|---|---|---|");
  for (const r of rows) console.log(r);
});
