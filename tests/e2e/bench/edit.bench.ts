// One edit on a 50,000-event schedule, as a user makes it: from the key press to the repaint,
// from the key press to durable (stored in IndexedDB), and the longest main-thread task it
// caused. Prints a table for docs/BENCHMARKS.md; asserts only that each edit happened.
import { test, expect, type Page } from "@playwright/test";
import { bigSchedule, dropFiles, text } from "../specs/files";
import { LibraryPage } from "../specs/pages";

const REPEATS = 7;

/** Arms the page's probes: the next keydown starts the clock; the grid's next change stops the
 * repaint clock; IndexedDB gaining the change stops the durable clock; long tasks are kept. */
async function arm(page: Page) {
  await page.evaluate(() => {
    const w = window as any;
    w.__stored ??= () =>
      new Promise<number>((resolve) => {
        const open = indexedDB.open("scheduleflow");
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(["schedules", "edits"], "readonly");
          const count = tx.objectStore("edits").count(IDBKeyRange.bound(["big", 0], ["big", Infinity]));
          const record = tx.objectStore("schedules").get("big");
          tx.oncomplete = () => {
            db.close();
            resolve(count.result + (record.result?.revision ?? 0));
          };
        };
      });
    w.__edit = { start: 0, paint: 0, durable: 0, long: 0 };
    w.__probe?.disconnect();
    const grid = document.querySelector('[role="grid"][aria-label="Events"] .event-rows')!;
    const onGrid = new MutationObserver(() => {
      if (w.__edit.start && !w.__edit.paint) requestAnimationFrame(() => (w.__edit.paint ||= performance.now()));
    });
    onGrid.observe(grid, { childList: true, subtree: true, characterData: true, attributes: true });
    const long = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (w.__edit.start) w.__edit.long = Math.max(w.__edit.long, e.duration);
    });
    long.observe({ type: "longtask" });
    w.__probe = { disconnect: () => (onGrid.disconnect(), long.disconnect()) };
    w.__stored().then((before: number) => {
      document.addEventListener(
        "keydown",
        () => {
          w.__edit.start ||= performance.now();
          const poll = () =>
            w.__stored().then((now: number) => {
              if (now > before) w.__edit.durable = performance.now();
              else setTimeout(poll, 0);
            });
          poll();
        },
        { capture: true, once: true },
      );
      w.__armed = true;
    });
  });
  await expect.poll(() => page.evaluate(() => (window as any).__armed === true)).toBe(true);
  await page.evaluate(() => ((window as any).__armed = false));
}

async function measured(page: Page) {
  await expect.poll(() => page.evaluate(() => (window as any).__edit.durable > 0), { timeout: 30_000 }).toBe(true);
  await expect.poll(() => page.evaluate(() => (window as any).__edit.paint > 0)).toBe(true);
  await page.waitForTimeout(300); // let any late long task be reported
  return page.evaluate(() => {
    const e = (window as any).__edit;
    return { paint: e.paint - e.start, durable: e.durable - e.start, long: e.long };
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

type Run = { paint: number; durable: number; long: number };

/** Prints one table row per edit: repaint and durable (median / max), the longest task. */
function printTable(results: Record<string, Run[]>) {
  const f = (xs: number[]) => `${median(xs).toFixed(1)} / ${Math.max(...xs).toFixed(1)} ms`;
  const lines = ["| edit (50,000 events) | to repaint, median / max | to durable, median / max | longest task, max |", "|---|---|---|---|"];
  for (const [name, rs] of Object.entries(results)) {
    lines.push(`| ${name} | ${f(rs.map((r) => r.paint))} | ${f(rs.map((r) => r.durable))} | ${Math.max(...rs.map((r) => r.long)).toFixed(0)} ms |`);
  }
  console.log(lines.join("\n"));
}

/** Imports `bigSchedule(50_000)` ("Big day") and opens it in the editor. */
async function openBigDay(page: Page) {
  const library = new LibraryPage(page);
  await library.goto();
  await dropFiles(page, [text("big.json", bigSchedule(50_000))]);
  return library.open("Big day");
}

test("one edit on 50,000 events: to repaint, to durable, longest task", async ({ page }) => {
  test.setTimeout(600_000);
  const editor = await openBigDay(page);
  const results: Record<string, Run[]> = {};
  const edits: [string, () => Promise<void>][] = [
    ["insert (live event)", async () => {
      await editor.insert.getByLabel("Length").fill("00:00:20:00");
      await arm(page);
      await editor.insert.getByLabel("Length").press("Enter");
    }],
    ["move (Alt+Down)", async () => {
      await arm(page);
      await page.keyboard.press("Alt+ArrowDown");
    }],
    ["trim (form, ripple)", async () => {
      await editor.field("Duration").fill(`00:00:${String(11 + Object.keys(results).length).padStart(2, "0")}:00`);
      await arm(page);
      await editor.field("Duration").press("Enter");
    }],
    ["delete (Delete)", async () => {
      await editor.grid.focus();
      await arm(page);
      await page.keyboard.press("Delete");
    }],
  ];
  for (let r = 0; r < REPEATS; r++) {
    for (const [name, run] of edits) {
      await editor.select(`Event ${10 + r * 4 + edits.findIndex((e) => e[0] === name)}`);
      await editor.saved();
      await run();
      (results[name] ??= []).push(await measured(page));
    }
  }
  printTable(results);
  expect(Object.keys(results)).toHaveLength(4);
});

test("copy a day onto every other day of 50,000 events: to repaint, to durable, longest task", async ({ page }) => {
  test.setTimeout(600_000);
  const editor = await openBigDay(page);
  const copy = page.getByRole("button", { name: "Copy day" });
  // Rows of the last day in view, so that the copy changes what is shown.
  await page.getByRole("grid", { name: "Events" }).evaluate((grid) => {
    const box = grid.parentElement!;
    box.scrollTop = box.scrollHeight;
  });
  const runs: Run[] = [];
  for (let r = 0; r < 3; r++) {
    await editor.saved();
    await copy.focus();
    await arm(page);
    await page.keyboard.press("Enter");
    runs.push(await measured(page));
    await expect(page.getByText(/^Copy \d{4}-\d{2}-\d{2} to \d+ day\(s\)\.$/)).toBeVisible();
  }
  printTable({ "copy a day onto every other day": runs });
  expect(runs).toHaveLength(3);
});

test("delete 1,000 selected events of 50,000: to repaint, to durable, longest task", async ({ page }) => {
  test.setTimeout(120_000);
  const editor = await openBigDay(page);
  const runs: Run[] = [];
  for (let r = 0; r < 3; r++) {
    const first = 100 + r * 2_000;
    await editor.saved();
    // Each end of the selection brought into view and clicked, the last with Shift.
    const scrollTo = (row: number) =>
      page.getByRole("grid", { name: "Events" }).evaluate((grid, to) => {
        const box = grid.parentElement!;
        box.scrollTop = (to / Number(grid.getAttribute("aria-rowcount"))) * box.scrollHeight;
      }, row);
    // Each earlier run took 1,000 events out before this one's.
    const at = first - r * 1_000;
    await scrollTo(at - 5);
    await editor.select(`Event ${first}`);
    await scrollTo(at + 995);
    await editor.select(`Event ${first + 999}`, ["Shift"]);
    await expect(page.getByText("1000 events selected")).toBeVisible();
    await editor.grid.focus();
    await arm(page);
    await page.keyboard.press("Delete");
    runs.push(await measured(page));
    await expect(page.getByText("Delete 1000 events.")).toBeVisible();
  }
  printTable({ "delete 1,000 selected events": runs });
  expect(runs).toHaveLength(3);
});
