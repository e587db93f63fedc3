// The System panel, search, and two tabs of the app staying in step.
import { test, expect } from "./fixtures";
import { untimedAsSchedules } from "./pages";
import { dropFiles, sample } from "./files";

test("the System panel shows versions, storage and what the library holds", async ({ page }) => {
  await page.goto("/");
  await untimedAsSchedules(page);
  const system = page.getByRole("region", { name: "System" });
  await expect(system).toContainText("Schedules0");
  await dropFiles(page, [sample("xmltv/berlin-fall-back.xml"), sample("m3u/evening.m3u8")]);
  await expect(system).toContainText("Schedules2");
  await expect(system).toContainText("Events7");
  await expect(system.getByText(/^\d+(\.\d)? (B|KB|MB)$/).first()).toBeVisible();
  await expect(system).toContainText("Persistent");
});

test("search narrows the library by name, channel or day", async ({ page }) => {
  await page.goto("/");
  await dropFiles(page, [sample("xmltv/berlin-fall-back.xml"), sample("bxf/primary.xml")]);
  const rows = page.getByRole("region", { name: "Library" }).getByRole("row");
  await expect(rows).toHaveCount(3);
  await page.getByRole("searchbox", { name: "Search the library" }).fill("eins");
  await expect(rows).toHaveCount(2);
  await expect(page.getByRole("rowheader", { name: "Eins guide" })).toBeVisible();
  await page.getByRole("searchbox", { name: "Search the library" }).fill("2026-03-28");
  await expect(page.getByRole("rowheader", { name: "Channel One Saturday" })).toBeVisible();
  await page.getByRole("searchbox", { name: "Search the library" }).fill("nothing like this");
  await expect(page.getByText("No schedule matches the search.")).toBeVisible();
});

test("an import or delete in one tab appears in the other", async ({ page, context }) => {
  await page.goto("/");
  await untimedAsSchedules(page);
  const other = await context.newPage();
  await other.goto("/");
  await expect(other.getByText("No schedules yet.")).toBeVisible();
  await dropFiles(page, [sample("m3u/evening.m3u8")]);
  await expect(other.getByRole("region", { name: "Library" }).getByRole("row")).toHaveCount(2);
  await other.getByRole("button", { name: /^Delete evening/ }).click();
  await expect(page.getByText("No schedules yet.")).toBeVisible();
});
