// Screenshot writers, not tests of how things look: they save the main views, light and dark, to
// test-results/screens/ for a person to look at, and check only that what they show is there.
import { test, expect } from "./fixtures";
import { ScheduleEditor, untimedAsSchedules } from "./pages";
import { bigSchedule, dropFiles, noisySchedule, sample, text } from "./files";
import { limitStorage } from "./quota";

for (const scheme of ["light", "dark"] as const) {
  test(`writes a screenshot: the library with imports, ${scheme}`, async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto("/");
  await untimedAsSchedules(page);
    await dropFiles(page, [
      sample("ffplayout/2026-03-28.json"),
      sample("xmltv/berlin-fall-back.xml"),
      sample("bxf/primary.xml"),
      sample("m3u/evening.m3u8"),
      sample("sf-json/evening.json"),
      text("broken.json", '{"channel": "C", "date": "2026-01-01", "program": [{"in": 0}]}'),
    ]);
    await expect(page.getByRole("region", { name: "Library" }).getByRole("row")).toHaveCount(6);
    await expect(page.getByRole("region", { name: "Playlists" }).getByRole("row")).toHaveCount(2);
    await expect(page.getByRole("alert")).toHaveCount(1);
    await page.screenshot({ path: `test-results/screens/library-${scheme}.png`, fullPage: true });
  });
}

for (const scheme of ["light", "dark"] as const) {
  test(`writes a screenshot: the schedule view, ${scheme}`, async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto("/");
    await dropFiles(page, [sample("bxf/primary.xml"), sample("csv/generic.csv")]);
    await page.getByRole("button", { name: /^Open generic/ }).click();
    await expect(page.getByRole("region", { name: "Validation" })).toBeVisible();
    // Dropped as the page starts (the shell may take the drop): the overlay is gone after it.
    await expect(page.getByText("Drop to import")).toBeHidden();
    await page.screenshot({ path: `test-results/screens/schedule-${scheme}.png`, fullPage: true });
  });
}

test("writes a screenshot: the storage-full banner and a delete's Undo", async ({ page, context }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto("/");
  await untimedAsSchedules(page);
  await expect(page.getByText("No schedules yet.")).toBeVisible();
  await limitStorage(page, context);
  await dropFiles(page, [sample("m3u/evening.m3u8"), sample("csv/generic.csv")]);
  await expect(page.getByRole("region", { name: "Library" }).getByRole("row")).toHaveCount(3);
  await page.getByRole("button", { name: /^Delete generic/ }).click();
  await expect(page.getByRole("button", { name: /^Undo delete of generic/ })).toBeVisible();
  await dropFiles(page, [text("week.json", noisySchedule(30_000))]);
  await expect(page.getByRole("alert").filter({ hasText: "is not saved" })).toBeVisible();
  await page.screenshot({ path: "test-results/screens/storage-full.png", fullPage: true });
});

for (const scheme of ["light", "dark"] as const) {
  test(`writes a screenshot: a week's timeline, ${scheme}`, async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto("/");
    await dropFiles(page, [text("big.json", bigSchedule(50_000))]);
    await page.getByRole("button", { name: "Open Big day" }).click();
    await new ScheduleEditor(page).read();
    await page.getByLabel("Broadcast day").fill("2026-01-04");
    await expect(page.getByRole("img", { name: /^Timeline of 2026-01-04/ })).toBeVisible();
    await page.screenshot({ path: `test-results/screens/timeline-${scheme}.png`, fullPage: true });
  });
}

test("writes a screenshot: the sample channel's day, with a fix applied", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto("/");
  await page.getByRole("button", { name: "Load the sample channel" }).click();
  await page.getByRole("button", { name: /^Open Sample One/ }).click();
  const panel = page.getByRole("region", { name: "Validation" });
  await expect(panel).toContainText("hard-start-missed");
  await panel.getByRole("button", { name: /^Trim/ }).first().click();
  await expect(page.getByRole("button", { name: "Undo" })).toBeEnabled();
  await page.screenshot({ path: "test-results/screens/sample-day.png", fullPage: true });
});
