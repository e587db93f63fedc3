// The schedule editor: selection, keyboard and drag editing, the event form, inserts, cut/copy/
// paste, and undo and redo that survive a reload.
import { test, expect, expectNoProblems } from "./fixtures";
import { dropFiles, sample } from "./files";
import { LibraryPage } from "./pages";

const HB1 = "Spot: Harbour Bank 1";
const AW1 = "Spot: Alpine Water 1";
const PROMO = "Promo: Tonight on Sample One";

test("the keyboard selects, moves, deletes, copies and pastes events, each one undo step", async ({ page, problems }) => {
  const library = new LibraryPage(page);
  await library.goto();
  await library.loadSample();
  const editor = await library.open("Sample One");
  expect(await editor.titles(5)).toEqual(["Morning News", HB1, AW1, PROMO, "Ident"]);

  await editor.select(HB1);
  await page.keyboard.press("Shift+ArrowDown");
  await editor.expectSelected([HB1, AW1]);
  await page.keyboard.press("Alt+ArrowDown");
  expect(await editor.titles(5)).toEqual(["Morning News", PROMO, HB1, AW1, "Ident"]);
  // The touched run is laid out again back to back from where it began.
  expect(await editor.times(PROMO)).toEqual(["06:28:50:00", "06:29:05:00", "00:00:15:00"]);
  expect(await editor.times(HB1)).toEqual(["06:29:05:00", "06:29:35:00", "00:00:30:00"]);
  await editor.expectSelected([HB1, AW1]);

  await page.keyboard.press("Delete");
  expect(await editor.titles(3)).toEqual(["Morning News", PROMO, "Ident"]);
  await expect(page.getByText(/· 98 events ·/)).toBeVisible();
  // Ripple: what followed moved up by the deleted length.
  expect((await editor.times("Breakfast Show"))[0]).toBe("06:29:10:00");

  await page.keyboard.press("Control+z");
  expect(await editor.titles(5)).toEqual(["Morning News", PROMO, HB1, AW1, "Ident"]);
  await page.keyboard.press("Control+z");
  expect(await editor.titles(5)).toEqual(["Morning News", HB1, AW1, PROMO, "Ident"]);
  await page.keyboard.press("Control+Shift+z");
  expect(await editor.titles(5)).toEqual(["Morning News", PROMO, HB1, AW1, "Ident"]);

  // Copy two events, go to the row after them with the arrows and Space, paste after it.
  await editor.select(HB1);
  await page.keyboard.press("Shift+ArrowDown");
  await page.keyboard.press("Control+c");
  await expect(page.getByRole("status").filter({ hasText: "Copied 2 event(s)." })).toBeVisible();
  await page.keyboard.press("ArrowDown");
  await editor.expectSelected(["Ident"]);
  await page.keyboard.press("Control+v");
  expect(await editor.titles(7)).toEqual(["Morning News", PROMO, HB1, AW1, "Ident", HB1, AW1]);
  await expect(page.getByText(/· 102 events ·/)).toBeVisible();
  // Pasted copies get ids of their own.
  const ids = await editor.rows().locator('[role="gridcell"]:nth-child(8)').allTextContents();
  expect(new Set(ids).size).toBe(ids.length);

  // Cut is a copy and a delete.
  await page.keyboard.press("Control+x");
  await expect(page.getByText(/· 100 events ·/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Undo" })).toHaveAttribute("title", "Undo: Delete 2 events");
  await editor.saved();
  await expectNoProblems(page, problems);
});

test("the event form changes fields as one step; a bad timecode is shown and changes nothing", async ({ page, problems }) => {
  const library = new LibraryPage(page);
  await library.goto();
  await library.loadSample();
  const editor = await library.open("Sample One");
  await editor.select(HB1);
  await expect(editor.field("Title")).toHaveValue(HB1);
  await expect(editor.field("Duration")).toHaveValue("00:00:30:00");

  await editor.field("Duration").fill("00:00:40:99");
  await editor.field("Title").fill("Spot: Harbour Bank (long)");
  await editor.applyForm();
  await expect(editor.field("Duration")).toHaveAttribute("aria-invalid", "true");
  await expect(editor.form.getByText(/“00:00:40:99” is not a timecode at 25/)).toBeVisible();
  await expect(editor.row(HB1)).toBeVisible();
  await expect(page.getByRole("button", { name: "Undo" })).toBeDisabled();

  await editor.field("Duration").fill("00:00:40:00");
  await editor.form.getByLabel("Kind").selectOption("promo");
  await editor.applyForm();
  const long = "Spot: Harbour Bank (long)";
  expect(await editor.times(long)).toEqual(["06:28:50:00", "06:29:30:00", "00:00:40:00"]);
  await expect(editor.row(long).getByRole("gridcell").nth(4)).toHaveText("promo");
  // Ripple moved the next event by the ten seconds added.
  expect((await editor.times(AW1))[0]).toBe("06:29:30:00");
  await expect(editor.field("Duration")).toHaveAttribute("aria-invalid", "false");

  // A fixed start typed on the on-air clock.
  expect((await editor.times("Breakfast Show"))[0]).toBe("06:30:10:00");
  await editor.select("Breakfast Show");
  await editor.form.getByLabel("Start mode").selectOption("fixed");
  await editor.field("Start (on-air clock)").fill("06:45:00:00");
  await editor.applyForm();
  expect((await editor.times("Breakfast Show"))[0]).toBe("06:45:00:00");

  await page.getByRole("button", { name: "Undo" }).click();
  expect((await editor.times("Breakfast Show"))[0]).toBe("06:30:10:00");
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(editor.row(HB1)).toBeVisible();
  expect(await editor.times(HB1)).toEqual(["06:28:50:00", "06:29:20:00", "00:00:30:00"]);
  await expectNoProblems(page, problems);
});

test("playlist items and a live placeholder insert after the selected event", async ({ page, problems }) => {
  const library = new LibraryPage(page);
  await library.goto();
  await library.loadSample();
  const editor = await library.open("Sample One");
  await editor.select(AW1);
  await editor.insert.getByRole("button", { name: "Insert Seascape" }).click();
  expect(await editor.titles(5)).toEqual(["Morning News", HB1, AW1, "Seascape", PROMO]);
  expect(await editor.times("Seascape")).toEqual(["06:29:40:00", "06:30:40:00", "00:01:00:00"]);
  await editor.expectSelected(["Seascape"]);
  await expect(editor.row("Seascape").getByRole("gridcell").nth(4)).toHaveText("filler");

  await editor.insert.getByLabel("Length").fill("5 min");
  await editor.insert.getByRole("button", { name: "Insert live event" }).click();
  await expect(editor.insert.getByText(/“5 min” is not a length at 25/)).toBeVisible();
  await expect(page.getByText(/· 101 events ·/)).toBeVisible();

  await editor.insert.getByLabel("Live event").fill("Press conference");
  await editor.insert.getByLabel("Length").fill("00:05:00:00");
  await editor.insert.getByRole("button", { name: "Insert live event" }).click();
  expect(await editor.titles(5)).toEqual(["Morning News", HB1, AW1, "Seascape", "Press conference"]);
  expect(await editor.times("Press conference")).toEqual(["06:30:40:00", "06:35:40:00", "00:05:00:00"]);
  await expect(editor.row("Press conference").getByRole("gridcell").nth(4)).toHaveText("live");
  await expect(page.getByText(/· 102 events ·/)).toBeVisible();

  // An item dragged from the panel drops before the row it is dropped on (both in view: a
  // page that scrolls in the middle of a drag ends the drag).
  await page.setViewportSize({ width: 1400, height: 1400 });
  await editor.insert.getByRole("listitem").filter({ hasText: "City Lights" }).dragTo(editor.row(HB1), { targetPosition: { x: 20, y: 4 } });
  expect(await editor.titles(3)).toEqual(["Morning News", "City Lights", HB1]);
  await expectNoProblems(page, problems);
});

test("events reorder by drag in the table and on the timeline", async ({ page, problems }) => {
  const library = new LibraryPage(page);
  await library.goto();
  await library.loadSample();
  let editor = await library.open("Sample One");
  await editor.row(HB1).dragTo(editor.row("Ident").first(), { targetPosition: { x: 20, y: 4 } });
  expect(await editor.titles(5)).toEqual(["Morning News", AW1, PROMO, HB1, "Ident"]);
  await editor.expectSelected([HB1]);
  await editor.back();

  await dropFiles(page, [sample("csv/generic.csv")]);
  editor = await library.open("generic");
  expect(await editor.titles(4)).toEqual(["Morning News", "Spot, with comma", "Feature", "Night News"]);
  const blocks = editor.timeline.locator(".block");
  await blocks.last().dragTo(blocks.first(), { targetPosition: { x: 2, y: 5 } });
  expect(await editor.titles(4)).toEqual(["Night News", "Morning News", "Spot, with comma", "Feature"]);
  await expect(page.getByRole("button", { name: "Undo" })).toHaveAttribute("title", "Undo: Move event");
  await expectNoProblems(page, problems);
});

test("events cut in one schedule paste into another", async ({ page }) => {
  const library = new LibraryPage(page);
  await library.goto();
  await library.loadSample();
  await dropFiles(page, [sample("csv/generic.csv")]);
  let editor = await library.open("Sample One");
  await editor.select(HB1);
  await editor.select(PROMO, ["Shift"]);
  await editor.expectSelected([HB1, AW1, PROMO]);
  await editor.toolbar.getByRole("button", { name: "Cut" }).click();
  await expect(page.getByText(/· 97 events ·/)).toBeVisible();
  await editor.back();

  editor = await library.open("generic");
  await editor.select("Feature");
  await editor.toolbar.getByRole("button", { name: "Paste" }).click();
  expect(await editor.titles(7)).toEqual(["Morning News", "Spot, with comma", "Feature", HB1, AW1, PROMO, "Night News"]);
});

test("edits, undo and redo survive a reload, in order", async ({ page, problems }) => {
  const library = new LibraryPage(page);
  await library.goto();
  await library.loadSample();
  let editor = await library.open("Sample One");
  await editor.select(HB1);
  await page.keyboard.press("Alt+ArrowDown");
  await editor.select("Morning News");
  await page.keyboard.press("Delete");
  await page.keyboard.press("Control+z");
  expect(await editor.titles(3)).toEqual(["Morning News", AW1, HB1]);
  await editor.saved();

  await page.reload();
  editor = await library.open("Sample One");
  expect(await editor.titles(3)).toEqual(["Morning News", AW1, HB1]);
  const undo = page.getByRole("button", { name: "Undo" });
  const redo = page.getByRole("button", { name: "Redo" });
  await expect(redo).toHaveAttribute("title", "Redo: Delete event");
  await expect(undo).toHaveAttribute("title", "Undo: Move event");
  await redo.click();
  expect(await editor.titles(2)).toEqual([AW1, HB1]);
  await undo.click();
  await undo.click();
  expect(await editor.titles(3)).toEqual(["Morning News", HB1, AW1]);
  await expect(undo).toBeDisabled();
  await expectNoProblems(page, problems);
});
