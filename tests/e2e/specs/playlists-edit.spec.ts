// Playlists edited by hand, a playlist made from a schedule's selection, a day copied onto the
// other days, and a 50,000-event schedule edited and exported.
import { readFileSync } from "node:fs";
import { test, expect, expectNoProblems } from "./fixtures";
import { bigSchedule, dropFiles, text } from "./files";
import { LibraryPage, ScheduleEditor } from "./pages";

test("a new playlist is filled, edited, reordered by keyboard and drag, renamed and duplicated, with undo", async ({ page, problems }) => {
  const library = new LibraryPage(page);
  await library.goto();
  await library.playlists.getByRole("button", { name: "New playlist" }).click();
  await expect(page.getByRole("heading", { name: "New playlist" })).toBeVisible();
  const items = page.getByRole("grid", { name: "Items" });
  const tools = page.getByRole("toolbar", { name: "Edit items" });
  for (let i = 0; i < 3; i++) await tools.getByRole("button", { name: "Add item" }).click();
  await expect(items.getByRole("row")).toHaveCount(4);
  const form = page.getByRole("region", { name: "Item" });
  await items.getByRole("gridcell", { name: "Item 1", exact: true }).click();
  await form.getByLabel("Title").fill("Intro");
  await form.getByLabel("Length").fill("00:00:10:99");
  await form.getByRole("button", { name: "Apply changes" }).click();
  await expect(form.getByText(/“00:00:10:99” is not a timecode at 25/)).toBeVisible();
  await expect(items.getByRole("gridcell", { name: "Item 1", exact: true })).toBeVisible();
  await form.getByLabel("Length").fill("00:00:10:00");
  await form.getByRole("button", { name: "Apply changes" }).click();
  await expect(items.getByRole("row").nth(1)).toContainText("Intro");
  await expect(items.getByRole("row").nth(1)).toContainText("00:00:10:00");

  const titles = async () => (await items.getByRole("row").allTextContents()).slice(1).map((t) => t.split("0")[0]);
  await items.focus();
  await page.keyboard.press("Alt+ArrowDown");
  expect(await titles()).toEqual(["Item 2", "Intro", "Item 3"]);
  await items.getByRole("gridcell", { name: "Item 2", exact: true }).dragTo(items.getByRole("gridcell", { name: "Item 3", exact: true }));
  expect(await titles()).toEqual(["Intro", "Item 3", "Item 2"]);
  await page.getByRole("button", { name: "Undo" }).click();
  expect(await titles()).toEqual(["Item 2", "Intro", "Item 3"]);

  await page.getByLabel("Name", { exact: true }).fill("Promos");
  await page.getByRole("button", { name: "Rename" }).click();
  await expect(page.getByRole("heading", { name: "Promos" })).toBeVisible();
  await page.getByRole("button", { name: "Back to the library" }).click();
  await page.getByRole("button", { name: "Duplicate playlist Promos" }).click();
  await expect(page.getByRole("heading", { name: "Promos (copy)" })).toBeVisible();
  expect(await titles()).toEqual(["Item 2", "Intro", "Item 3"]);

  await page.reload();
  await expect(library.playlists.getByRole("rowheader", { name: "Promos", exact: true })).toBeVisible();
  await expect(library.playlists.getByRole("rowheader", { name: "Promos (copy)" })).toBeVisible();
  await page.getByRole("button", { name: "Open playlist Promos", exact: true }).click();
  expect(await titles()).toEqual(["Item 2", "Intro", "Item 3"]);
  await expectNoProblems(page, problems);
});

test("selected events become a playlist, and a day is copied onto the other days", async ({ page, problems }) => {
  const library = new LibraryPage(page);
  await library.goto();
  await library.loadSample();
  const editor = await library.open("Sample One");
  await editor.select("Morning News");
  await editor.select("Spot: Alpine Water 1", ["Shift"]);
  await editor.toolbar.getByRole("button", { name: "Make a playlist" }).click();
  await expect(page.getByRole("heading", { name: /^From Sample One/ })).toBeVisible();
  const items = page.getByRole("grid", { name: "Items" });
  await expect(items.getByRole("row")).toHaveCount(4);
  await expect(items.getByRole("row").nth(1)).toContainText("Morning News");
  await page.getByRole("button", { name: "Back to the library" }).click();

  await page.getByRole("button", { name: "New schedule" }).click();
  const dialog = page.getByRole("dialog", { name: "New schedule" });
  await dialog.getByLabel("First broadcast day").fill("2026-12-01");
  await dialog.getByLabel("Days").fill("3");
  await dialog.getByRole("button", { name: "Create schedule" }).click();
  // A new schedule opens at once.
  const week = new ScheduleEditor(page);
  await expect(page.getByRole("heading", { name: "Sample One 2026-12-01" })).toBeVisible();
  await week.insert.getByLabel("Playlist").selectOption({ label: "Sample fillers" });
  await week.insert.getByRole("button", { name: "Insert Seascape" }).click();
  await week.insert.getByRole("button", { name: "Insert City Lights" }).click();
  await expect(page.getByText(/· 2 events ·/)).toBeVisible();
  await page.getByRole("button", { name: "Copy day" }).click();
  await expect(page.getByText(/· 6 events ·/)).toBeVisible();
  // Times name their broadcast day on a schedule of several days.
  await expect(week.rows().nth(4).getByRole("gridcell").first()).toHaveText("Thu 3 Dec 06:00:00:00");
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(page.getByText(/· 2 events ·/)).toBeVisible();
  // Onto one day only: the third.
  await page.getByLabel("Copy this day to").selectOption({ label: "one day" });
  await page.getByLabel("Day to copy onto").fill("2026-12-03");
  await page.getByRole("button", { name: "Copy day" }).click();
  await expect(page.getByText(/· 4 events ·/)).toBeVisible();
  await expect(week.rows().nth(2).getByRole("gridcell").first()).toHaveText("Thu 3 Dec 06:00:00:00");
  await expectNoProblems(page, problems);
});

test("a 50,000-event schedule takes an insert, a move, a trim and a delete, and exports them", async ({ page }) => {
  const library = new LibraryPage(page);
  await library.goto();
  await dropFiles(page, [text("big.json", bigSchedule(50_000))]);
  const editor = await library.open("Big day");
  await editor.select("Event 3");
  await editor.insert.getByLabel("Live event").fill("Breaking");
  await editor.insert.getByLabel("Length").fill("00:00:20:00");
  await editor.insert.getByRole("button", { name: "Insert live event" }).click();
  await expect(page.getByText(/· 50001 events ·/)).toBeVisible();
  await editor.select("Event 1");
  await page.keyboard.press("Alt+ArrowDown");
  await editor.select("Event 5");
  await editor.field("Duration").fill("00:00:30:00");
  await editor.applyForm();
  await editor.select("Event 7");
  await page.keyboard.press("Delete");
  await expect(page.getByText(/· 50000 events ·/)).toBeVisible();
  await editor.saved();
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export this schedule" }).click();
  const doc = JSON.parse(readFileSync(await (await downloading).path(), "utf8"));
  const events = doc.schedules[0].events as { title: string; duration: number }[];
  expect(events.length).toBe(50_000);
  expect(events.slice(0, 6).map((e) => e.title)).toEqual(["Event 0", "Event 2", "Event 1", "Event 3", "Breaking", "Event 4"]);
  expect(events.find((e) => e.title === "Event 5")?.duration).toBe(750);
  expect(events.some((e) => e.title === "Event 7")).toBe(false);
});
