// Applying validation fixes, with undo and redo by button and keyboard, saved and shared by tabs.
import { test, expect, expectNoProblems } from "./fixtures";
import { dropFiles, sample } from "./files";
import { ValidationPanel } from "./pages";

const csv = sample("csv/generic.csv");

test("a fix applies with one click, Ctrl+Z and Ctrl+Shift+Z undo and redo it, and it is saved", async ({ page, problems }) => {
  await page.goto("/");
  await dropFiles(page, [csv]);
  await page.getByRole("button", { name: /^Open generic/ }).click();
  const validation = new ValidationPanel(page);
  const panel = validation.region;
  await expect(panel).toContainText("0 error(s), 2 warning(s)");

  await validation.fix(/^Pad with 18:00:00:00 of filler/).click();
  await expect(panel).toContainText("0 error(s), 1 warning(s)");
  await expect(page.getByRole("row").filter({ hasText: "filler" })).toHaveCount(1);
  await expect(page.getByRole("button", { name: "Undo" })).toBeEnabled();

  await page.keyboard.press("Control+z");
  await expect(panel).toContainText("0 error(s), 2 warning(s)");
  await expect(page.getByRole("button", { name: "Redo" })).toBeEnabled();
  await page.keyboard.press("Control+Shift+z");
  await expect(panel).toContainText("0 error(s), 1 warning(s)");
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(panel).toContainText("0 error(s), 2 warning(s)");
  await page.getByRole("button", { name: "Redo" }).click();
  await expect(panel).toContainText("0 error(s), 1 warning(s)");
  await expect(page.getByText("Saving…")).toBeHidden();

  await page.reload();
  await page.getByRole("button", { name: /^Open generic/ }).click();
  await expect(panel).toContainText("0 error(s), 1 warning(s)");
  await expect(page.getByRole("row").filter({ hasText: "filler" })).toHaveCount(1);
  await expectNoProblems(page, problems);
});

test("an edit in one tab appears in the other, which can then edit on top of it", async ({ context }) => {
  const first = await context.newPage();
  await first.goto("/");
  await dropFiles(first, [csv]);
  await first.getByRole("button", { name: /^Open generic/ }).click();
  const second = await context.newPage();
  await second.goto("/");
  await second.getByRole("button", { name: /^Open generic/ }).click();
  const firstPanel = new ValidationPanel(first);
  const secondPanel = new ValidationPanel(second);
  await expect(secondPanel.region).toContainText("2 warning(s)");

  await firstPanel.fix(/^Pad with 18:00:00:00/).click();
  await expect(secondPanel.region).toContainText("1 warning(s)");
  await secondPanel.fix(/^Pad with 03:45:00:00/).click();
  await expect(secondPanel.region).toContainText("No problems found.");
  await expect(second.getByText("changed in another tab")).toHaveCount(0);
  await expect(firstPanel.region).toContainText("No problems found.");
});
