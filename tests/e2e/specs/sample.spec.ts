// A first visit: the sample channel, its problems, and a fix.
import { test, expect, expectNoProblems } from "./fixtures";
import { ValidationPanel } from "./pages";

test("a new user loads the sample channel, finds its problems and fixes one", async ({ page, problems }) => {
  await page.goto("/");
  await page.getByRole("button", { name: "Load the sample channel" }).click();
  const library = page.getByRole("region", { name: "Library" });
  const row = library.getByRole("row").filter({ has: page.getByRole("rowheader", { name: /^Sample One \d{4}-\d{2}-\d{2}$/ }) });
  await expect(row).toContainText("100");
  await expect(row).toContainText(/error\(s\)/);
  await expect(page.getByRole("region", { name: "Playlists" }).getByRole("rowheader", { name: "Sample fillers" })).toBeVisible();

  await row.getByRole("button", { name: /^Open Sample One/ }).click();
  const validation = new ValidationPanel(page);
  await expect(validation.problems("hard-start-missed")).not.toHaveCount(0);
  await expect(validation.problems("gap")).not.toHaveCount(0);
  await expect(page.getByRole("img", { name: /^Timeline of .*, 1 gap\(s\), [1-9]\d* overlap\(s\)$/ })).toBeVisible();
  const before = await validation.errors();
  // The missed hard start's fix (its last button; the first goes to its event).
  await validation.problems("hard-start-missed").first().getByRole("button").last().click();
  await expect.poll(() => validation.errors()).toBeLessThan(before);
  await expectNoProblems(page, problems);
});
