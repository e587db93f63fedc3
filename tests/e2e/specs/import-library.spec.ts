// Importing real files into the library, keeping them across reloads, and exporting them.
import { readFileSync } from "node:fs";
import { test, expect, expectNoProblems } from "./fixtures";
import { dropFiles, sample, text } from "./files";
import { LibraryPage, untimedAsSchedules } from "./pages";
import { download } from "./downloads";
import { storedEntries } from "./zip";

const libraryRows = (page: import("@playwright/test").Page) => page.getByRole("region", { name: "Library" }).getByRole("row");

const ffplayout = sample("ffplayout/2026-03-28.json");
const xmltv = sample("xmltv/berlin-fall-back.xml");
const m3u = sample("m3u/evening.m3u8");

test("dropping several files imports each, reports it, and keeps it across a reload", async ({ page, problems }) => {
  await page.goto("/");
  await expect(page.getByText("No schedules yet.")).toBeVisible();
  await dropFiles(page, [ffplayout, xmltv, m3u]);
  const table = page.getByRole("region", { name: "Library" });
  await expect(table.getByRole("row")).toHaveCount(3); // header + 2 schedules; the M3U has no times
  await expect(table.getByRole("rowheader", { name: "Channel 1 2026-03-28" })).toBeVisible();
  await expect(table.getByRole("rowheader", { name: "Eins guide" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Playlists" }).getByRole("rowheader", { name: "evening" })).toBeVisible();
  const reports = page.getByRole("region", { name: "Imports" });
  await expect(reports).toContainText("2026-03-28.json — ffplayout playlist: 1 schedule(s), 0 playlist(s), 3 event(s)");
  await expect(reports).toContainText("XMLTV guide: 1 schedule(s), 0 playlist(s), 3 event(s)");
  await expect(reports).toContainText("1 item(s) have an unknown length (-1)");

  await expect(reports).toContainText("extended M3U: 0 schedule(s), 1 playlist(s)");
  await page.reload();
  await expect(libraryRows(page)).toHaveCount(3);
  await expectNoProblems(page, problems);
});

test("the file picker imports the same way", async ({ page }) => {
  await page.goto("/");
  await page.getByLabel("Import files").setInputFiles({
    name: "evening.m3u8",
    mimeType: "audio/x-mpegurl",
    buffer: Buffer.from(m3u.base64, "base64"),
  });
  await expect(page.getByRole("region", { name: "Playlists" }).getByRole("rowheader", { name: "evening" })).toBeVisible();
  // Asked for, a file without times comes in as a schedule on the day it is for.
  await untimedAsSchedules(page);
  await page.getByLabel("Import files").setInputFiles({
    name: "evening.m3u8",
    mimeType: "audio/x-mpegurl",
    buffer: Buffer.from(m3u.base64, "base64"),
  });
  await expect(libraryRows(page)).toHaveCount(2);
});

test("a hostile or broken file shows where it is wrong and leaves the library as it was", async ({ page }) => {
  await page.goto("/");
  await dropFiles(page, [xmltv]);
  await expect(libraryRows(page)).toHaveCount(2);
  await dropFiles(page, [
    text("laughs.xml", '<?xml version="1.0"?>\n<!DOCTYPE tv [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]>\n<tv>&b;</tv>'),
    text("broken.json", '{"channel": "C", "date": "2026-01-01", "program": [{"in": 0, "out": -5, "duration": 1, "source": "a"}]}'),
    text("latin1.csv", Buffer.from([0x74, 0x69, 0x74, 0x6c, 0x65, 0x0a, 0x63, 0x61, 0x66, 0xe9])),
    text("rows.csv", "title,start,duration\nA,06:00:00:00,00:10:00:00\nB,6 pm,00:10:00:00\nC,,ten minutes\n"),
  ]);
  const alerts = page.getByRole("alert");
  await expect(alerts).toHaveCount(4);
  // Every bad row of a file is listed at once, each at its own line and column.
  const rows = alerts.filter({ hasText: "rows.csv:3:3: start '6 pm' is not a time of day" });
  await expect(rows.getByRole("list", { name: "More problems in this file" }).getByRole("listitem")).toHaveText([
    "rows.csv:4:4: duration: timecode 'ten minutes' is not HH:MM:SS:FF (or HH:MM:SS;FF for drop-frame)",
  ]);
  await expect(alerts.filter({ hasText: "laughs.xml:2:1:" })).toContainText("refuses");
  await expect(alerts.filter({ hasText: "broken.json:1:" })).toContainText("negative");
  const latin1 = alerts.filter({ hasText: "latin1.csv:2:4:" });
  await expect(latin1).toContainText("the file is not valid UTF-8");
  await expect(latin1).toContainText("What to do: save it as UTF-8 and try again");
  await expect(libraryRows(page)).toHaveCount(2);
  await page.reload();
  await expect(libraryRows(page)).toHaveCount(2);
});

test("a warning says where in the file it is and what to do about it", async ({ page }) => {
  await page.goto("/");
  await dropFiles(page, [
    text("night.csv", "start,duration,title\n25:30:00:00,00:30:00:00,Before\n26:30:00:00,00:30:00:00,Repeated\n"),
  ]);
  const report = page.getByRole("listitem").filter({ hasText: /^night\.csv/ });
  const assumed = report.getByRole("listitem").filter({ hasText: "the file gives no time zone; UTC was assumed" });
  await expect(assumed).toContainText("What to do: set the channel's zone");
});

test("titles holding HTML and script render as plain text", async ({ page, problems }) => {
  await page.goto("/");
  const evil = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
  await untimedAsSchedules(page);
  await dropFiles(page, [text("evil.csv", `title,duration\n"${evil.replaceAll('"', '""')}",00:00:10:00\n`)]);
  await expect(libraryRows(page)).toHaveCount(2);
  await page.getByRole("combobox", { name: /Export format for evil/ }).selectOption("csv");
  const offered = page.waitForEvent("download");
  await page.getByRole("button", { name: /^Export evil/ }).click();
  const csv = readFileSync(await (await offered).path()!, "utf8");
  expect(csv).toContain("<script>window.__pwned=2</script>");
  // The event grid writes its rows as markup: the title must come out as the same text.
  const editor = await new LibraryPage(page).open("evil");
  expect(await editor.titles(1)).toEqual([evil]);
  expect(await page.locator("main img, main script").count()).toBe(0);
  expect(await page.evaluate(() => (window as any).__pwned)).toBeUndefined();
  await expectNoProblems(page, problems);
});

test("a schedule exports in every format, and the export-all file imports back", async ({ page }) => {
  await page.goto("/");
  await dropFiles(page, [ffplayout, xmltv]);
  await expect(libraryRows(page)).toHaveCount(3);
  const expected: Record<string, RegExp> = {
    "sf-json": /"format": "scheduleflow-json"/,
    "sf-xml": /<scheduleflow format="scheduleflow-xml"/,
    ffplayout: /"program": \[/,
    xmltv: /<tv generator-info-name="ScheduleFlow">/,
    bxf: /<BxfMessage/,
    csv: /^id,start,duration,title/,
    m3u: /^#EXTM3U/,
  };
  for (const [format, content] of Object.entries(expected)) {
    await page.getByRole("combobox", { name: "Export format for Eins guide" }).selectOption(format);
    const file = await download(page, () => page.getByRole("button", { name: "Export Eins guide" }).click(), format);
    expect(readFileSync((await file.path())!, "utf8"), format).toMatch(content);
  }
  const batch = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export all (XML)" }).click();
  const all = await batch;
  expect(all.suggestedFilename()).toBe("scheduleflow-library.xml");
  const xml = readFileSync((await all.path())!);
  await dropFiles(page, [text("scheduleflow-library.xml", xml)]);
  await expect(libraryRows(page)).toHaveCount(5);
  await expect(page.getByRole("region", { name: "Imports" })).toContainText("ScheduleFlow XML: 2 schedule(s)");
});

test("the drop overlay appears while files are dragged over the window", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByText("No schedules yet.")).toBeVisible();
  const dataTransfer = await page.evaluateHandle(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(["x"], "x.m3u"));
    return dt;
  });
  await page.dispatchEvent("main", "dragenter", { dataTransfer });
  await expect(page.getByRole("status").filter({ hasText: "Drop to import" })).toBeVisible();
  await page.dispatchEvent("main", "dragleave", { dataTransfer });
  await expect(page.getByText("Drop to import")).toBeHidden();
});

test("deleting a schedule removes it from the library and from storage", async ({ page }) => {
  await page.goto("/");
  await dropFiles(page, [xmltv]);
  await expect(libraryRows(page)).toHaveCount(2);
  await page.getByRole("button", { name: /^Delete Eins guide/ }).click();
  await expect(page.getByText("No schedules yet.")).toBeVisible();
  // The row leaves at once; storage has it once the page says so (a reload before then finds
  // the delete not made, and the schedule still there).
  await expect(page.getByRole("status").filter({ hasText: "Deleted “Eins guide”." })).toBeVisible();
  await page.reload();
  await expect(page.getByText("No schedules yet.")).toBeVisible();
});

test("an export of many files is one archive, the playlists in ffplayout's year and month folders", async ({ page }) => {
  // Fifteen broadcast days, one programme a day: ffplayout has a playlist per day. A browser
  // may ask before a page's second download in a row, and Chromium drops those past about ten
  // a second.
  const day = 24 * 3600 * 25;
  const events = Array.from({ length: 15 }, (_, n) => `{"id":"d${n}","start":${n * day},"duration":${day},"title":"Day ${n + 1}","kind":"programme"}`);
  const fortnight = `{"format":"scheduleflow-json","version":1,"schedules":[{"id":"fortnight","name":"Fortnight","channel":{"name":"One","rate":"25","zone":"UTC","day_start":"06:00:00"},"origin":"2025-12-25T06:00:00Z","length":${15 * day},"events":[${events.join(",")}]}]}`;
  await page.goto("/");
  await dropFiles(page, [text("fortnight.json", fortnight)]);
  await expect(libraryRows(page)).toHaveCount(2);
  await page.getByRole("combobox", { name: "Export format for Fortnight" }).selectOption("ffplayout");
  const file = await download(page, () => page.getByRole("button", { name: "Export Fortnight" }).click(), "the ffplayout export");
  expect(file.suggestedFilename()).toBe("Fortnight-ffplayout.zip");
  await expect(page.locator(".status-line")).toHaveText("Exported 15 files in “Fortnight-ffplayout.zip”.");
  const entries = storedEntries(readFileSync(await file.path()));
  const dates = Array.from({ length: 15 }, (_, n) => new Date(Date.UTC(2025, 11, 25 + n)).toISOString().slice(0, 10));
  expect(entries.map((e) => e.path)).toEqual(dates.map((d) => `${d.slice(0, 4)}/${d.slice(5, 7)}/${d}.json`));
  // Each is the day's playlist: its date, and the day's one programme.
  for (const [n, entry] of entries.entries()) {
    const playlist = JSON.parse(entry.text);
    expect(playlist.date, entry.path).toBe(dates[n]);
    expect(playlist.program.map((c: { title?: string }) => c.title), entry.path).toEqual([`Day ${n + 1}`]);
  }
});
