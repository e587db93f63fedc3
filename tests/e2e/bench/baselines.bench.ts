// Issue 10's baselines, side by side in one Chromium run: the same 50,000-event ScheduleFlow
// XML and JSON files (from `scheduleflow gen`) parsed by the browser's own parsers and mapped to
// event records (DOMParser; JSON.parse), and imported by ScheduleFlow — the engine's read alone
// (a User Timing measure, on the page and in the workers) and the whole import as a person sees
// it, drop to the stored schedule listed, in the workers and on the page. Cold is the first run
// in a fresh page, warm the best of the next three. Prints the table and the ratios; asserts only that the work
// finished (speed belongs in docs/BENCHMARKS.md, not in a pass or fail).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test, expect, type Page } from "@playwright/test";
import { dragged, drop, text } from "../specs/files";

const repo = new URL("../../../", import.meta.url).pathname;
const EVENTS = 50_000;

function generated(format: "sf-xml" | "sf-json"): string {
  execFileSync("cargo", ["build", "-q", "-p", "scheduleflow-cli"], { cwd: repo });
  const out = join(mkdtempSync(join(tmpdir(), "sf-bench-")), format === "sf-xml" ? "big.xml" : "big.json");
  execFileSync(join(repo, "target/debug/scheduleflow"), ["gen", "--events", String(EVENTS), "--to", format, "-o", out], { stdio: "ignore" });
  return readFileSync(out, "utf8");
}

type Runs = { cold: number; warm: number };
const results = new Map<string, Runs>();
const rows: string[] = [];

/** The browser's parser and a mapping to the records the engine makes, timed in the page. */
async function browserParse(page: Page, kind: "xml" | "json", content: string): Promise<Runs> {
  const times: number[] = await page.evaluate(
    ([kind, content]) => {
      const once = () => {
        const t0 = performance.now();
        let events: unknown[];
        if (kind === "xml") {
          const doc = new DOMParser().parseFromString(content, "application/xml");
          if (doc.getElementsByTagName("parsererror").length) throw new Error("DOMParser refused the file");
          events = Array.from(doc.getElementsByTagName("event"), (el) => ({
            id: el.getAttribute("id"),
            start: Number(el.getAttribute("start")),
            duration: Number(el.getAttribute("duration")),
            kind: el.getAttribute("kind") ?? "programme",
            startMode: el.getAttribute("start-mode") ?? "follow",
            title: el.getAttribute("title") ?? "",
            source: el.getAttribute("source"),
          }));
        } else {
          events = JSON.parse(content).schedules[0].events.map((e: any) => ({
            id: e.id,
            start: e.start,
            duration: e.duration,
            kind: e.kind ?? "programme",
            startMode: e.start_mode ?? "follow",
            title: e.title ?? "",
            source: e.source ?? null,
          }));
        }
        const t = performance.now() - t0;
        if (events.length !== 50_000) throw new Error(`mapped ${events.length} events`);
        return t;
      };
      return [once(), once(), once(), once()];
    },
    [kind, content] as const,
  );
  return { cold: times[0], warm: Math.min(...times.slice(1)) };
}

/** Imports the file four times in one page; each: drop to the stored schedule listed. */
async function appImport(page: Page, name: string, content: string, where: "workers" | "page") {
  if (where === "page") {
    await page.route("**/worker-loader*.js", (route) => route.fulfill({ status: 404, body: "" }));
  }
  await page.goto("/");
  await expect(page.getByText("No schedules yet.")).toBeVisible();
  await page.waitForTimeout(1_000); // let the workers start
  const whole: number[] = [];
  for (let k = 1; k <= 4; k++) {
    const data = await dragged(page, [text(name, content)]);
    // Timed in the page, from the drop to the frame that lists the schedule: Playwright's own
    // waiting polls ever more slowly (up to half a second apart), which would round the time up.
    const listed = page.evaluate(
      (k) =>
        new Promise<number>((resolve) => {
          const t0 = performance.now();
          const look = () =>
            (document.getElementById("library-heading")?.closest("section")?.querySelectorAll("th[scope=row]").length ?? 0) >= k
              ? resolve(performance.now() - t0)
              : requestAnimationFrame(look);
          look();
        }),
      k,
    );
    await drop(page, data);
    await expect(page.getByRole("region", { name: "Library" }).getByRole("rowheader")).toHaveCount(k, { timeout: 120_000 });
    whole.push(await listed);
  }
  // The engine's reads, in the order they ran: on the page, or in whichever worker took each
  // import (every worker's User Timing entries, placed on one clock by its time origin).
  const timed: [number, number][] = [];
  for (const scope of [page, ...page.workers()]) {
    timed.push(
      ...(await scope.evaluate(
        (name) =>
          performance
            .getEntriesByName(`scheduleflow: read ${name}`)
            .map((e) => [performance.timeOrigin + e.startTime, e.duration] as [number, number]),
        name,
      )),
    );
  }
  const reads = timed.sort((a, b) => a[0] - b[0]).map(([, duration]) => duration);
  return {
    whole: { cold: whole[0], warm: Math.min(...whole.slice(1)) },
    read: reads.length ? { cold: reads[0], warm: Math.min(...reads.slice(1)) } : undefined,
  };
}

for (const [format, kind, name] of [["sf-xml", "xml", "big.xml"], ["sf-json", "json", "big.json"]] as const) {
  test(`${format}: the browser's parser against the engine, ${EVENTS} events`, async ({ browser }) => {
    const content = generated(format);
    const mib = (Buffer.byteLength(content) / 1048576).toFixed(1);
    const baseline = await browserParse(await (await browser.newContext()).newPage(), kind, content);
    const baselineName = kind === "xml" ? "DOMParser + mapping" : "JSON.parse + mapping";
    results.set(`${format} ${baselineName}`, baseline);
    // Without the service worker, which would serve the worker's script past the route.
    const onPage = await appImport(await (await browser.newContext({ serviceWorkers: "block" })).newPage(), name, content, "page");
    const inWorkers = await appImport(await (await browser.newContext()).newPage(), name, content, "workers");
    expect(onPage.read).toBeDefined();
    expect(inWorkers.read).toBeDefined();
    results.set(`${format} engine read (on the page)`, onPage.read!);
    results.set(`${format} engine read (in the workers)`, inWorkers.read!);
    results.set(`${format} whole import, on the page`, onPage.whole);
    results.set(`${format} whole import, in the workers`, inWorkers.whole);
    const f = (r: Runs) => `${r.cold.toFixed(0)} ms | ${r.warm.toFixed(0)} ms`;
    rows.push(`| ${format} (${mib} MiB): ${baselineName} | ${f(baseline)} |`);
    rows.push(`| ${format}: ScheduleFlow's read alone (engine, on the page) | ${f(onPage.read!)} |`);
    rows.push(`| ${format}: ScheduleFlow's read alone (engine, in the workers) | ${f(inWorkers.read!)} |`);
    rows.push(`| ${format}: whole import, drop to listed, on the page | ${f(onPage.whole)} |`);
    rows.push(`| ${format}: whole import, drop to listed, in the workers | ${f(inWorkers.whole)} |`);
    const ratio = (a: Runs, b: Runs) => `${(a.cold / b.cold).toFixed(2)}× cold, ${(a.warm / b.warm).toFixed(2)}× warm`;
    rows.push(`| ${format}: ${baselineName} ÷ engine read on the page | ${ratio(baseline, onPage.read!)} |`);
    rows.push(`| ${format}: ${baselineName} ÷ engine read in the workers | ${ratio(baseline, inWorkers.read!)} |`);
    rows.push(`| ${format}: ${baselineName} ÷ whole import in the workers | ${ratio(baseline, inWorkers.whole)} |`);
  });
}

test.afterAll(() => {
  console.log("\n| what | cold | warm (best of 3) |");
  console.log("|---|---|---|");
  for (const r of rows) console.log(r);
});
