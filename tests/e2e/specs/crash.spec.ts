// A tab killed at any moment reopens with exactly the edits that had committed, in order: a
// seeded burst of 200 edits is replayed cleanly (with the schedule exported after each one),
// then crashed through the DevTools protocol at 20 random points; after each reopen the stored
// schedule must equal the clean replay of some prefix of the burst that the crash point covers.
import { readFileSync } from "node:fs";
import type { BrowserContext, Page } from "@playwright/test";
import { test, expect } from "./fixtures";
import { LibraryPage, ScheduleEditor } from "./pages";
import { download } from "./downloads";

const EDITS = 200;
const CRASHES = 20;
const KEYS = ["Alt+ArrowDown", "Alt+ArrowUp", "Delete", "Control+z", "Control+Shift+z", "paste"] as const;

/** mulberry32: a small seeded generator, so a failure can be replayed. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Action = { row: number; key: (typeof KEYS)[number] };

function burst(seed: number): Action[] {
  const next = random(seed);
  return Array.from({ length: EDITS }, () => ({
    row: Math.floor(next() * 15),
    key: KEYS[Math.floor(next() * KEYS.length)],
  }));
}

async function openSample(page: Page, load: boolean): Promise<ScheduleEditor> {
  const library = new LibraryPage(page);
  await library.goto();
  if (load) await library.loadSample();
  return library.open("Sample One");
}

async function perform(page: Page, editor: ScheduleEditor, action: Action) {
  await editor.rows().nth(action.row).click();
  if (action.key === "paste") {
    await page.keyboard.press("Control+c");
    await page.keyboard.press("Control+v");
  } else {
    await page.keyboard.press(action.key);
  }
}

/** The open schedule as ScheduleFlow JSON, downloaded as a user would. */
async function exported(page: Page, after: string): Promise<unknown> {
  const file = await download(page, () => page.getByRole("button", { name: "Export this schedule" }).click(), `the export after ${after}`);
  return JSON.parse(readFileSync(await file.path(), "utf8"));
}

async function fresh(browser: import("@playwright/test").Browser): Promise<[BrowserContext, Page]> {
  const context = await browser.newContext();
  return [context, await context.newPage()];
}

test("a tab crashed at any point of a burst of edits reopens with a committed prefix of it", async ({ browser }) => {
  test.setTimeout(600_000);
  const seed = Number(process.env.CRASH_SEED ?? 20261129);
  const actions = burst(seed);
  const pick = random(seed ^ 0x5eed);
  const points = Array.from({ length: CRASHES }, () => 1 + Math.floor(pick() * EDITS)).sort((a, b) => a - b);

  // The clean replay: the schedule after every prefix.
  const [cleanContext, clean] = await fresh(browser);
  let editor = await openSample(clean, true);
  const started = Date.now();
  const states: string[] = [JSON.stringify(await exported(clean, "opening"))];
  for (const [k, action] of actions.entries()) {
    await perform(clean, editor, action);
    states.push(JSON.stringify(await exported(clean, `edit ${k + 1} (${action.key} on row ${action.row})`)));
  }
  await cleanContext.close();
  console.log(`clean replay of ${EDITS} edits with an export after each: ${Date.now() - started} ms`);
  expect(new Set(states).size, "the burst changes the schedule many times").toBeGreaterThan(EDITS / 3);

  const reached: number[] = [];
  for (const point of points) {
    const [context, page] = await fresh(browser);
    editor = await openSample(page, true);
    for (const action of actions.slice(0, point)) await perform(page, editor, action);
    const cdp = await context.newCDPSession(page);
    const crashed = page.waitForEvent("crash");
    // The page dies before it can answer, so the command is sent and not awaited.
    void cdp.send("Page.crash").catch(() => {});
    await crashed;
    await page.close().catch(() => {});

    const reopened = await context.newPage();
    await openSample(reopened, false);
    const stored = JSON.stringify(await exported(reopened, `reopening after a crash at edit ${point}`));
    const prefix = states.slice(0, point + 1).lastIndexOf(stored);
    expect(prefix, `seed ${seed}, crash after edit ${point}: the stored schedule is no prefix of the burst`).toBeGreaterThanOrEqual(0);
    reached.push(prefix);
    await context.close();
  }
  console.log(`crash points ${points}; prefixes stored ${reached}; ${Date.now() - started} ms in all`);
  // Most edits were stored before the crash: the log is written as edits happen.
  const near = reached.filter((k, i) => points[i] - k <= 10).length;
  expect(near, `prefixes reached ${reached} for crash points ${points}`).toBeGreaterThanOrEqual(CRASHES / 2);
});
