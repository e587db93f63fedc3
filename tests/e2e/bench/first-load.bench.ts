// The first load (issue 10, item 5): what the page downloads before it is usable — the shell's
// library shown, files taken — and when the editor has taken over, on this machine's loopback
// and on a slow link (CDP network emulation: 1.6 Mbit/s down, 150 ms round trip). Each response
// is counted at gzip -9, as a server that compresses would send it. Prints a table for
// docs/BENCHMARKS.md; asserts only that each step happened.
import { gzipSync } from "node:zlib";
import { test, expect, type Page } from "@playwright/test";
import { takeLongTaskDurations, watchLongTasks } from "./tasks";

test.use({ serviceWorkers: "block" });

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const LINKS = [
  { name: "loopback", throttle: null },
  { name: "slow link", throttle: { downloadThroughput: 200_000, uploadThroughput: 100_000, latency: 150 } },
] as const;

/** When a User Timing mark was set, in ms from navigation start (waits for it). */
async function markTime(page: Page, name: string): Promise<number> {
  const handle = await page.waitForFunction((name) => performance.getEntriesByName(name, "mark")[0]?.startTime, name, { timeout: 120_000 });
  return Math.round((await handle.jsonValue()) as number);
}

async function firstLoad(page: Page, throttle: (typeof LINKS)[number]["throttle"]) {
  const cdp = await page.context().newCDPSession(page);
  if (throttle) {
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", { offline: false, ...throttle });
  }
  await watchLongTasks(page);
  const gzipped = new Map<string, number>();
  const bodies: Promise<void>[] = [];
  page.on("response", (r) => {
    const path = new URL(r.url()).pathname;
    bodies.push(r.body().then((b) => void gzipped.set(path, gzipSync(b, { level: 9 }).length), () => {}));
  });
  await page.goto("/");
  const usable = await markTime(page, "scheduleflow: library shown by the shell");
  const editor = await markTime(page, "scheduleflow: editor took over");
  await page.waitForTimeout(1_000); // the import workers start half a second after the editor
  await Promise.all(bodies);
  // Each file's arrival (the navigation's and every resource's), from the page's own timing.
  const arrivals: [string, number][] = await page.evaluate(() =>
    [...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource")].map((e) => [
      new URL(e.name).pathname,
      (e as PerformanceResourceTiming).responseEnd,
    ]),
  );
  const long = await takeLongTaskDurations(page);
  const kb = (n: number) => (n / 1024).toFixed(0);
  const size = (entries: [string, number][]) => entries.reduce((s, [path]) => s + (gzipped.get(path) ?? 0), 0);
  const before = arrivals.filter(([, at]) => at <= usable);
  return {
    usable,
    editor,
    before: kb(size(before)),
    beforeFiles: before.map(([path]) => `${path.replace(/-[0-9a-f]+/, "")} ${kb(gzipped.get(path) ?? 0)}`).join(", "),
    // Every response, the workers' included (their fetches are not in the page's timing).
    everything: kb([...gzipped.values()].reduce((s, n) => s + n, 0)),
    worst: Math.max(0, ...long).toFixed(0),
  };
}

test("the first load: what is downloaded before the library is usable, and when the editor takes over", async ({ browser }) => {
  test.setTimeout(15 * 60_000);
  const rows: string[] = [];
  let files = "";
  for (const link of LINKS) {
    for (let run = 1; run <= RUNS; run++) {
      const context = await browser.newContext({ serviceWorkers: "block" });
      const page = await context.newPage();
      const r = await firstLoad(page, link.throttle);
      files = r.beforeFiles;
      rows.push(`| ${link.name} | ${run} | ${r.before} KB | ${r.usable} ms | ${r.editor} ms | ${r.everything} KB | ${r.worst} ms |`);
      await context.close();
    }
  }
  console.log("| link | run | before usable (gzip -9) | library usable (shell) | editor took over | all by then (the workers, once started, included) | worst task |");
  console.log("|---|---|---|---|---|---|---|");
  for (const row of rows) console.log(row);
  console.log(`before usable, KB gzipped: ${files}`);
});
