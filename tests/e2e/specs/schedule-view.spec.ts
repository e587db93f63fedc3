// The schedule view: a virtualised event table over 50,000 events and a validation panel that
// jumps to its events.
import { test, expect, expectNoProblems } from "./fixtures";
import { bigSchedule, dropFiles, text } from "./files";
import { ValidationPanel } from "./pages";

test("50,000 events keep only a few hundred rows in the page and scroll to the end", async ({ page, problems }) => {
  await page.goto("/");
  await dropFiles(page, [text("big.json", bigSchedule(50_000))]);
  await page.getByRole("button", { name: "Open Big day" }).click();
  const events = page.getByRole("grid", { name: "Events" });
  await expect(events.getByRole("gridcell", { name: "Event 0", exact: true })).toBeVisible();
  expect(await events.getByRole("row").count()).toBeLessThan(300);
  await expect(events).toHaveAttribute("aria-rowcount", "50001");

  await events.evaluate((grid) => {
    const scroller = grid.parentElement!;
    scroller.scrollTop = scroller.scrollHeight;
  });
  await expect(events.getByRole("gridcell", { name: "Event 49999", exact: true })).toBeVisible();
  // The grid tells screen readers where each row stands in the whole schedule.
  await expect(events.getByRole("row").filter({ hasText: "Event 49999" })).toHaveAttribute("aria-rowindex", "50001");
  expect(await events.getByRole("row").count()).toBeLessThan(300);
  await expectNoProblems(page, problems);
});

test("the validation panel lists problems and jumps to their event", async ({ page }) => {
  await page.goto("/");
  await dropFiles(page, [text("big.json", bigSchedule(50_000))]);
  await page.getByRole("button", { name: "Open Big day" }).click();
  const validation = new ValidationPanel(page);
  await expect(validation.region).toContainText("1 error(s)");
  await expect(validation.problems("overlap")).toHaveCount(1);
  await validation.goTo("ev25000").click();
  const row = page.getByRole("row").filter({ hasText: "Event 25000" });
  await expect(row).toBeVisible();
  await expect(row).toHaveAttribute("aria-selected", "true");
  await page.getByRole("button", { name: "Back to the library" }).click();
  await expect(page.getByRole("rowheader", { name: "Big day" })).toBeVisible();
});

test("opening a schedule moves the focus to its heading, and going back to the library's", async ({ page }) => {
  await page.goto("/");
  await dropFiles(page, [text("big.json", bigSchedule(1_000))]);
  // The library shown as the page starts does not take the focus.
  await expect(page.getByRole("heading", { name: "Library" })).not.toBeFocused();
  await page.getByRole("button", { name: "Open Big day" }).focus();
  await page.keyboard.press("Enter");
  const heading = page.getByRole("heading", { name: "Big day" });
  await expect(heading).toBeFocused();
  // The next Tab goes on into the schedule view, not back to the top of the page.
  await page.keyboard.press("Tab");
  const view = page.getByRole("region", { name: "Big day" });
  await expect(view.locator(":focus")).toHaveCount(1);

  await page.getByRole("button", { name: "Back to the library" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Library" })).toBeFocused();
});
