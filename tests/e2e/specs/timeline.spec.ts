// The timeline strip of a broadcast day.
import { test, expect } from "./fixtures";
import { bigSchedule, dropFiles, sample, text } from "./files";

test("the strip shows the day's blocks and marks its gaps", async ({ page }) => {
  await page.goto("/");
  await dropFiles(page, [sample("csv/generic.csv")]);
  await page.getByRole("button", { name: /^Open generic/ }).click();
  const strip = page.getByRole("img", { name: /^Timeline of / });
  await expect(strip).toHaveAccessibleName(/3 block\(s\), 2 gap\(s\), 0 overlap\(s\)$/);
  // Clicking the last block picks its event in the table.
  await strip.locator(".block").last().click();
  await expect(page.getByRole("row").filter({ hasText: "Night News" })).toHaveAttribute("aria-selected", "true");
});

test("a week-long schedule picks its broadcast day, and overlaps are marked", async ({ page }) => {
  await page.goto("/");
  await dropFiles(page, [text("big.json", bigSchedule(50_000))]);
  await page.getByRole("button", { name: "Open Big day" }).click();
  const day = page.getByLabel("Broadcast day");
  await expect(day).toHaveValue("2026-01-01");
  await expect(page.getByRole("button", { name: "Previous day" })).toBeDisabled();
  const strip = page.getByRole("img", { name: /^Timeline of / });
  await expect(strip).toHaveAccessibleName(/^Timeline of 2026-01-01: .* 0 overlap\(s\)$/);
  // Event 25,000 (about half-way through the week) overlaps the one before it.
  const next = page.getByRole("button", { name: "Next day" });
  const days = [];
  const withOverlap = [];
  for (;;) {
    const shown = await day.inputValue();
    await expect(strip).toHaveAccessibleName(new RegExp(`^Timeline of ${shown}:`));
    days.push(shown);
    if (/1 overlap\(s\)$/.test((await strip.getAttribute("aria-label")) ?? "")) withOverlap.push(shown);
    if (await next.isDisabled()) break;
    await next.click();
  }
  expect(days.length).toBeGreaterThanOrEqual(7);
  // A day typed in is shown; one outside the schedule is not taken.
  await day.fill(days[3]);
  await expect(strip).toHaveAccessibleName(new RegExp(`^Timeline of ${days[3]}:`));
  await day.fill("2031-05-05");
  await expect(day).toHaveValue(days[3]);
  await expect(strip).toHaveAccessibleName(new RegExp(`^Timeline of ${days[3]}:`));
  expect(withOverlap).toHaveLength(1);
  // Blocks are drawn together at this density: a day of ~7,000 events is a few hundred blocks.
  const blocks = Number(/: (\d+) block/.exec((await strip.getAttribute("aria-label")) ?? "")?.[1]);
  expect(blocks).toBeGreaterThan(0);
  expect(blocks).toBeLessThan(600);
});
