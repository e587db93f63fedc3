// Storage under stress: a full disk, a tab closed in the middle of a save, and a large import's
// progress.
import { readFileSync } from "node:fs";
import { test, expect } from "./fixtures";
import { untimedAsSchedules } from "./pages";
import { bigSchedule, dropFiles, noisySchedule, sample, text } from "./files";
import { limitStorage } from "./quota";

test("a large import shows its progress until the report arrives", async ({ page }) => {
  await page.goto("/");
  await dropFiles(page, [text("big.json", bigSchedule(50_000))]);
  const bar = page.getByRole("progressbar", { name: "Importing big.json" });
  await expect(bar).toBeVisible();
  await expect(page.getByText("big.json — ScheduleFlow JSON: 1 schedule(s)")).toBeVisible();
  await expect(bar).toBeHidden();
});

test("a full disk is reported at once, nothing is half-added, and the work downloads", async ({ page, context }) => {
  await page.goto("/");
  await untimedAsSchedules(page);
  const library = page.getByRole("region", { name: "Library" });
  await expect(library.getByText("No schedules yet.")).toBeVisible();
  // Room for a small file but not for a big schedule.
  const lift = await limitStorage(page, context);
  await dropFiles(page, [sample("m3u/evening.m3u8")]);
  await expect(library.getByRole("row")).toHaveCount(2);
  await dropFiles(page, [text("big.json", noisySchedule(30_000))]);

  const banner = page.getByRole("alert").filter({ hasText: "“big.json” is not saved" });
  await expect(banner).toContainText("The browser's storage is full");
  await expect(page.getByRole("alert").filter({ hasText: "big.json: the browser's storage is full" })).toBeVisible();
  await expect(library.getByRole("row")).toHaveCount(2);

  const downloading = page.waitForEvent("download");
  await banner.getByRole("button", { name: "Download unsaved work" }).click();
  const file = await downloading;
  expect(file.suggestedFilename()).toBe("scheduleflow-library.xml");
  const xml = readFileSync(await file.path(), "utf8");
  expect(xml).toContain('id="ev29999"');

  // The stored library is as it was.
  await lift();
  await page.reload();
  await expect(library.getByRole("row")).toHaveCount(2);
  await expect(library.getByRole("rowheader", { name: /^evening/ })).toBeVisible();
});

test("a tab closed in the middle of saving a big schedule leaves the old or the new library, never a mix", async ({ context }) => {
  const page = await context.newPage();
  await page.goto("/");
  await untimedAsSchedules(page);
  await dropFiles(page, [sample("m3u/evening.m3u8")]);
  await expect(page.getByRole("region", { name: "Library" }).getByRole("row")).toHaveCount(2);

  // The save can be over within one of Playwright's polls, so the page itself watches for it.
  const saving = page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const seen = () => document.body.textContent?.includes("Saving…");
        if (seen()) return resolve();
        new MutationObserver((_, observer) => {
          if (seen()) {
            observer.disconnect();
            resolve();
          }
        }).observe(document.body, { subtree: true, childList: true, characterData: true });
      }),
  );
  await dropFiles(page, [text("big.json", bigSchedule(50_000))]);
  await saving;
  await page.close();

  const reopened = await context.newPage();
  await reopened.goto("/");
  const library = reopened.getByRole("region", { name: "Library" });
  await expect(library.getByRole("rowheader", { name: /^evening/ })).toBeVisible();
  const big = library.getByRole("row").filter({ has: reopened.getByRole("rowheader", { name: "Big day" }) });
  const rows = await library.getByRole("row").count();
  const state = rows === 3 ? "the new library" : "the old library";
  test.info().annotations.push({ type: "after reopening", description: state });
  console.log(`mid-save close: reopened with ${state}`);
  if (rows === 3) {
    // The new state: the whole schedule, every event.
    await expect(big.getByRole("cell").nth(2)).toHaveText("50000");
  } else {
    // The old state: exactly what was there before.
    expect(rows).toBe(2);
    await expect(big).toHaveCount(0);
  }
  await expect(reopened.getByRole("alert")).toHaveCount(0);
});
