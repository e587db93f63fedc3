// The library's playlists, and undoing a delete.
import { readFileSync } from "node:fs";
import { test, expect, expectNoProblems } from "./fixtures";
import { dropFiles, sample } from "./files";

test("a file's playlists list under Playlists and export back as ScheduleFlow XML", async ({ page, problems }) => {
  await page.goto("/");
  await dropFiles(page, [sample("sf-json/evening.json")]);
  const playlists = page.getByRole("region", { name: "Playlists" });
  const row = playlists.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Fillers" }) });
  await expect(row).toContainText("1");
  await expect(row).toContainText("00:00:30:00");

  await page.getByRole("combobox", { name: "Export format for playlist Fillers" }).selectOption("sf-xml");
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export playlist Fillers" }).click();
  const file = await downloading;
  expect(file.suggestedFilename()).toBe("Fillers.xml");
  const xml = readFileSync(await file.path(), "utf8");
  expect(xml).toContain("Seascape");
  expect(xml).not.toContain("Evening News");

  await page.getByRole("searchbox", { name: "Search the library" }).fill("fill");
  await expect(playlists.getByRole("rowheader", { name: "Fillers" })).toBeVisible();
  await page.getByRole("searchbox", { name: "Search the library" }).fill("nothing like this");
  await expect(playlists.getByText("No playlist matches the search.")).toBeVisible();
  await expectNoProblems(page, problems);
});

test("a deleted schedule comes back with Undo and stays after a reload", async ({ page }) => {
  await page.goto("/");
  await dropFiles(page, [sample("sf-json/evening.json")]);
  const library = page.getByRole("region", { name: "Library" });
  await expect(library.getByRole("rowheader", { name: "Evening, New York" })).toBeVisible();

  await page.getByRole("button", { name: "Delete Evening, New York" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Deleted “Evening, New York”." })).toBeVisible();
  await expect(library.getByText("No schedules yet.")).toBeVisible();
  await page.getByRole("button", { name: "Undo delete of Evening, New York" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Restored “Evening, New York”." })).toBeVisible();
  await expect(library.getByRole("rowheader", { name: "Evening, New York" })).toBeVisible();

  await page.reload();
  await expect(library.getByRole("rowheader", { name: "Evening, New York" })).toBeVisible();
  await expect(library.getByRole("row")).toHaveCount(2);
});

test("a deleted playlist can be undone too", async ({ page }) => {
  await page.goto("/");
  await dropFiles(page, [sample("sf-json/evening.json")]);
  const playlists = page.getByRole("region", { name: "Playlists" });
  await page.getByRole("button", { name: "Delete playlist Fillers" }).click();
  await expect(playlists.getByRole("rowheader", { name: "Fillers" })).toBeHidden();
  await page.getByRole("button", { name: "Undo delete of Fillers" }).click();
  await expect(playlists.getByRole("rowheader", { name: "Fillers" })).toBeVisible();
  await page.reload();
  await expect(playlists.getByRole("rowheader", { name: "Fillers" })).toBeVisible();
});
