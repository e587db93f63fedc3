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
  const day = page.getByRole("combobox", { name: "Broadcast day" });
  const options = await day.getByRole("option").allTextContents();
  expect(options[0]).toBe("2026-01-01");
  expect(options.length).toBeGreaterThanOrEqual(7);
  const strip = page.getByRole("img", { name: /^Timeline of / });
  await expect(strip).toHaveAccessibleName(/^Timeline of 2026-01-01: .* 0 overlap\(s\)$/);
  // Event 25,000 (about half-way through the week) overlaps the one before it.
  const withOverlap = [];
  for (const option of options) {
    await day.selectOption(option);
    const name = (await strip.getAttribute("aria-label")) ?? "";
    if (/1 overlap\(s\)$/.test(name)) withOverlap.push(option);
  }
  expect(withOverlap).toHaveLength(1);
  // Blocks are drawn together at this density: a day of ~7,000 events is a few hundred blocks.
  const blocks = Number(/: (\d+) block/.exec((await strip.getAttribute("aria-label")) ?? "")?.[1]);
  expect(blocks).toBeGreaterThan(0);
  expect(blocks).toBeLessThan(600);
});
