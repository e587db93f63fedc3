// Memory over many imports (issue 10, item 7): a 5 MB ScheduleFlow XML file (33,000 events,
// from `scheduleflow gen`) imported a hundred times in a row, then every copy deleted, and the
// same again a second time. After every tenth import or delete it prints the page's wasm memory,
// its JavaScript heap (after a garbage collection) and each import worker's wasm memory, for
// docs/BENCHMARKS.md. WebAssembly memory never shrinks: what matters is that the second round
// ends where the first did (a plateau), not at twice it. Asserts only that each step happened.
import { execFileSync } from "node:child_process";
import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test, expect, type Page, type CDPSession } from "@playwright/test";

const repo = new URL("../../../", import.meta.url).pathname;
const COPIES = Number(process.env.BENCH_COPIES ?? 100);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);

function generated(): string {
  execFileSync("cargo", ["build", "-q", "--release", "-p", "scheduleflow-cli"], { cwd: repo });
  const out = join(mkdtempSync(join(tmpdir(), "sf-memory-")), "five.xml");
  execFileSync(join(repo, "target/release/scheduleflow"), ["gen", "--events", "33000", "--to", "sf-xml", "-o", out], { stdio: "ignore" });
  return out;
}

const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(0);

/** The page's wasm memory, its JS heap after a collection, and the workers' wasm memory, in MiB. */
async function sample(page: Page, cdp: CDPSession): Promise<string> {
  const wasm: number = await page.evaluate(() => (window as any).__wasmMemory?.buffer.byteLength ?? 0);
  await cdp.send("HeapProfiler.collectGarbage");
  const { usedSize } = await cdp.send("Runtime.getHeapUsage");
  const workers: number[] = [];
  for (const w of page.workers()) {
    workers.push(await w.evaluate(async () => (await (self as any).scheduleflow)?.memory.buffer.byteLength ?? 0));
  }
  return `${mb(wasm)} | ${mb(usedSize)} | ${workers.map(mb).join(", ")}`;
}

test("a hundred imports of a 5 MB file, then deleting them, twice: memory", async ({ page }) => {
  test.setTimeout(30 * 60_000);
  const file = generated();
  await page.addInitScript(() => {
    addEventListener("ScheduleFlowEditorStarted", (e: any) => ((window as any).__wasmMemory = e.detail.wasm.memory));
  });
  const cdp = await page.context().newCDPSession(page);
  await page.goto("/");
  await expect(page.getByText("No schedules yet.")).toBeVisible();
  await page.waitForTimeout(1_000); // the workers start half a second after the page
  const rows = [`| start | 0 | ${await sample(page, cdp)} |`];
  const copies = page.getByRole("button", { name: /^Open Synthetic/ });
  for (let round = 1; round <= ROUNDS; round++) {
    for (let i = 1; i <= COPIES; i++) {
      await page.getByLabel("Import files").setInputFiles(file);
      await expect(copies).toHaveCount(i, { timeout: 60_000 });
      if (i % 10 === 0) rows.push(`| round ${round}, imported | ${i} | ${await sample(page, cdp)} |`);
    }
    for (let left = COPIES - 1; left >= 0; left--) {
      await page.getByRole("button", { name: /^Delete Synthetic/ }).first().click();
      await expect(copies).toHaveCount(left, { timeout: 60_000 });
      if (left % 25 === 0) rows.push(`| round ${round}, deleted down to | ${left} | ${await sample(page, cdp)} |`);
    }
  }
  await page.waitForTimeout(2_000); // what deletes let go of is freed in slices
  rows.push(`| two seconds later | 0 | ${await sample(page, cdp)} |`);
  console.log(`\nfile: ${(statSync(file).size / 1e6).toFixed(1)} MB, ${COPIES} copies, ${ROUNDS} rounds`);
  console.log("| step | schedules | page wasm (MiB) | page JS heap (MiB) | workers' wasm (MiB) |");
  console.log("|---|---|---|---|---|");
  for (const r of rows) console.log(r);
});
