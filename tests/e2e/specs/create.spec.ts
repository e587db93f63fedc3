// Setting up from nothing: a channel, a new schedule for it, a broadcast day built with the
// keyboard alone; "Schedule a playlist" against the command line; a channel change.
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test, expect, expectNoProblems } from "./fixtures";
import { LibraryPage, ScheduleEditor } from "./pages";
import { scheduleflow } from "./cli";

test("a channel, a new schedule for it, and a day built from playlists with the keyboard alone", async ({ page, problems }) => {
  const library = new LibraryPage(page);
  await library.goto();
  await library.loadSample(); // for its filler playlist

  await page.getByRole("button", { name: "New channel" }).press("Enter");
  const channelDialog = page.getByRole("dialog", { name: "New channel" });
  await expect(channelDialog.getByLabel("Name")).toBeFocused();
  await page.keyboard.type("Night TV");
  await channelDialog.getByLabel("Frame rate").focus();
  await page.keyboard.press("ArrowDown"); // 25 → 30
  await channelDialog.getByLabel("Frame rate").selectOption("30000/1001");
  await channelDialog.getByLabel("Drop-frame timecode").press("Space");
  await channelDialog.getByLabel("Time zone (IANA)").fill("Mars/Olympus");
  await channelDialog.getByLabel("Broadcast day starts at").fill("05:00");
  await channelDialog.getByLabel("Broadcast day starts at").press("Enter");
  await expect(channelDialog.getByText(/“Mars\/Olympus” is not an IANA time zone/)).toBeVisible();
  await channelDialog.getByLabel("Time zone (IANA)").fill("America/New_York");
  await channelDialog.getByLabel("Time zone (IANA)").press("Enter");
  await expect(channelDialog).toBeHidden();
  const channels = page.getByRole("region", { name: "Channels" });
  const row = channels.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Night TV" }) });
  await expect(row).toContainText("30000/1001 DF");
  await expect(row).toContainText("America/New_York");
  await expect(row).toContainText("05:00:00");

  await page.getByRole("button", { name: "New schedule" }).press("Enter");
  const newDialog = page.getByRole("dialog", { name: "New schedule" });
  await newDialog.getByLabel("Channel").selectOption("Night TV");
  await newDialog.getByLabel("First broadcast day").fill("2026-12-01");
  await newDialog.getByLabel("Name (optional)").fill("Night TV, 1 December");
  await newDialog.getByLabel("Name (optional)").press("Enter");
  const editor = new ScheduleEditor(page);
  await expect(page.getByRole("heading", { name: "Night TV, 1 December" })).toBeVisible();
  // A broadcast day is 24 hours of real time: at 29.97 drop-frame that is 24:00:00;02.
  await expect(page.getByText(/30000\/1001 DF fps · 0 events · 24:00:00;02/)).toBeVisible();

  // Insert from the playlist by keyboard: each goes after the last one inserted.
  await editor.insert.getByRole("button", { name: "Insert Seascape" }).press("Enter");
  await editor.insert.getByRole("button", { name: "Insert City Lights" }).press("Enter");
  await editor.insert.getByLabel("Live event").fill("Late Show");
  await editor.insert.getByLabel("Length").fill("00:30:00;00");
  await editor.insert.getByLabel("Length").press("Enter");
  expect(await editor.titles(3)).toEqual(["Seascape", "City Lights", "Late Show"]);
  expect(await editor.times("Seascape")).toEqual(["05:00:00;00", "05:00:59;29", "00:00:59;28"]);
  // 60 s and 90 s at 29.97 are 1798 and 2697 frames: 149.983 s, the last frame of 05:02:29.
  expect((await editor.times("Late Show"))[0]).toBe("05:02:29;29");

  // In the grid the last insert is selected: move it up, then go to the first and delete it.
  await editor.grid.focus();
  await editor.expectSelected(["Late Show"]);
  await page.keyboard.press("Alt+ArrowUp");
  expect(await editor.titles(3)).toEqual(["Seascape", "Late Show", "City Lights"]);
  await page.keyboard.press("Home");
  await page.keyboard.press("Delete");
  expect(await editor.titles(2)).toEqual(["Late Show", "City Lights"]);
  expect((await editor.times("Late Show"))[0]).toBe("05:00:00;00");
  await editor.saved();

  await page.reload();
  const reopened = await library.open("Night TV, 1 December");
  expect(await reopened.titles(2)).toEqual(["Late Show", "City Lights"]);
  await expect(page.getByRole("button", { name: "Undo" })).toHaveAttribute("title", "Undo: Delete event");
  await expectNoProblems(page, problems);
});

/** Downloads what clicking `button` offers, as text. */
async function download(page: import("@playwright/test").Page, click: () => Promise<void>): Promise<string> {
  const downloading = page.waitForEvent("download");
  await click();
  return readFileSync(await (await downloading).path(), "utf8");
}

test("Schedule a playlist previews, creates, and builds exactly what `scheduleflow build` builds", async ({ page, problems }) => {
  const library = new LibraryPage(page);
  await library.goto();
  await library.loadSample();
  await page.getByRole("button", { name: "Schedule playlist Sample fillers" }).click();
  const dialog = page.getByRole("dialog", { name: "Schedule a playlist" });
  await dialog.getByLabel("First broadcast day").fill("2026-12-01");
  await dialog.getByLabel("Length (timecode)").fill("06:00:00:00");
  await dialog.getByLabel("Order").selectOption("no-repeat");
  await dialog.getByLabel("Seed").fill("7");
  await dialog.getByLabel("No-repeat window (items)").fill("2");
  await dialog.getByRole("button", { name: "Add a hard-start block" }).click();
  await dialog.getByLabel("Block 1 starts at").fill("08:00:00:00");
  await dialog.getByLabel("Block 1 length").fill("00:10:00:00");
  const preview = dialog.getByRole("region", { name: "Preview" });
  await expect(preview).toContainText("06:00:00:00");
  await expect(preview).toContainText("0 error(s), 0 warning(s)");
  await expect(preview.getByRole("img", { name: /^Timeline of 2026-12-01/ })).toBeVisible();
  // A bad field says what is wrong and nothing can be created.
  await dialog.getByLabel("Length (timecode)").fill("six hours");
  await expect(dialog.getByText(/“six hours” is not a length at 25/)).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Create schedule" })).toBeDisabled();
  await dialog.getByLabel("Length (timecode)").fill("06:00:00:00");
  // The preview is built in the document worker: it shows the build once it is back.
  await expect(preview).toContainText("0 error(s), 0 warning(s)");
  await expect(preview).toHaveAttribute("aria-busy", "false");
  const events = Number(/Events(\d+)/.exec((await preview.textContent()) ?? "")?.[1]);
  expect(events).toBeGreaterThan(100);
  await dialog.getByRole("button", { name: "Create schedule" }).click();
  await expect(page.getByRole("heading", { name: "Sample One from Sample fillers" })).toBeVisible();
  await expect(page.getByText(new RegExp(`· ${events} events ·`))).toBeVisible();
  await page.getByRole("button", { name: "Back to the library" }).click();

  const name = "Sample One from Sample fillers";
  await page.getByRole("combobox", { name: `Export format for ${name}` }).selectOption("sf-json");
  const fromApp = await download(page, () => page.getByRole("button", { name: `Export ${name}` }).click());
  await page.getByRole("combobox", { name: "Export format for playlist Sample fillers" }).selectOption("sf-json");
  const playlist = await download(page, () => page.getByRole("button", { name: "Export playlist Sample fillers" }).click());

  const dir = mkdtempSync(join(tmpdir(), "scheduleflow-build-"));
  writeFileSync(join(dir, "fillers.json"), playlist);
  const fromCli = scheduleflow(
    [
      "build",
      "--playlist", join(dir, "fillers.json"),
      "--channel", "Sample One", "--fps", "25", "--tz", "Europe/Berlin", "--day-start", "06:00",
      "--start", "2026-12-01T06:00:00+01:00", "--length", "06:00:00:00",
      "--order", "no-repeat", "--seed", "7", "--window", "2", "--fill", "loop", "--ending", "trim",
      "--hard-start", "2026-12-01T08:00:00+01:00/00:10:00:00/News",
    ],
  );
  expect(JSON.parse(fromApp)).toEqual(JSON.parse(fromCli));
  await expectNoProblems(page, problems);
});

test("a new frame rate for a schedule shows its roundings first and is one undo step", async ({ page, problems }) => {
  const library = new LibraryPage(page);
  await library.goto();
  await library.loadSample();
  const editor = await library.open("Sample One");
  expect(await editor.times("Spot: Harbour Bank 1")).toEqual(["06:28:50:00", "06:29:20:00", "00:00:30:00"]);
  await page.getByRole("button", { name: "Channel…" }).click();
  const dialog = page.getByRole("dialog", { name: "This schedule's channel" });
  await expect(dialog.getByText("Every time stays on a whole frame.")).toBeVisible();
  await dialog.getByLabel("Frame rate").selectOption("30000/1001");
  await expect(dialog.getByText(/The new rate rounds \d+ event\(s\) to the nearest frame/)).toBeVisible();
  await dialog.getByRole("button", { name: "Apply to this schedule" }).click();
  await expect(page.getByText(/Sample One · 30000\/1001 fps · 100 events/)).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: /event\(s\) rounded to whole frames/ })).toBeVisible();
  // 30 s at 29.97 is 899.1 frames: 899, shown as 00:00:29:29 of 30-frame timecode.
  expect((await editor.times("Spot: Harbour Bank 1"))[2]).toBe("00:00:29:29");
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(page.getByText(/Sample One · 25 fps · 100 events/)).toBeVisible();
  expect(await editor.times("Spot: Harbour Bank 1")).toEqual(["06:28:50:00", "06:29:20:00", "00:00:30:00"]);
  await expectNoProblems(page, problems);
});
