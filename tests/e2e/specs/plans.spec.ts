// Rules: a channel's plan file opened, a month built from its weekly plan (the same schedule as
// `scheduleflow plan`), one day edited by hand, the plan applied again onto the open schedule
// in one undoable step — the hand edit survives — and the separation rules in the validation
// panel.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { test, expect, expectNoProblems } from "./fixtures";
import { LibraryPage, PlanEditorDialog, PlansPanel, ScheduleEditor } from "./pages";
import { repo, scheduleflow } from "./cli";

const docs = join(repo, "docs/formats/plan");

/** The app with the example's playlists imported and its plan opened. */
async function withExamplePlan(page: Page): Promise<PlansPanel> {
  const plans = new PlansPanel(page);
  await new LibraryPage(page).goto();
  await page.getByLabel("Import files").setInputFiles(join(docs, "playlists.json"));
  await plans.openFile(join(docs, "example.plan.json"));
  return plans;
}

test("a month from a weekly plan, a hand edit, the plan again: the hand edit survives", async ({ page, problems }) => {
  // A month of events, and the command line built to compare with (a no-op after the native
  // tests, a build on a fresh checkout).
  test.setTimeout(180_000);
  const library = new LibraryPage(page);
  const plans = new PlansPanel(page);
  await library.goto();
  await page.getByLabel("Import files").setInputFiles(join(docs, "playlists.json"));
  await expect(library.playlists.getByRole("rowheader", { name: "Evening series" })).toBeVisible();

  // A plan with a mistake is refused with its place; nothing is stored.
  const dir = mkdtempSync(join(tmpdir(), "sf-plan-"));
  const badPath = join(dir, "bad.plan.json");
  const bad = readFileSync(join(docs, "example.plan.json"), "utf8").replace('"sat": "saturday"', '"sat": "weekend"');
  writeFileSync(badPath, bad);
  await plans.openFile(badPath);
  await expect(plans.region.getByRole("alert")).toHaveText("bad.plan.json: week.sat: there is no template with the id 'weekend'");

  await plans.openFile(join(docs, "example.plan.json"));
  const row = plans.row("Sample One");
  await expect(row).toContainText("Weekday, Saturday, Holiday");
  await expect(row).toContainText("Mon–Fri Weekday · Sat Saturday · Sun Holiday");

  await row.getByRole("button", { name: "Apply the plan of Sample One to dates" }).click();
  await plans.choose("2026-12-01", "2026-12-31", "a new schedule");
  await expect(plans.fact("Events made")).toHaveText("15860");
  await expect(plans.fact("Gaps")).toHaveText("0");
  await expect(plans.fact("Checks")).toHaveText(/^0 error\(s\), \d+ warning\(s\)$/);
  expect(await new AxeBuilder({ page }).include("#apply-plan-dialog").withTags(["wcag2a", "wcag2aa"]).analyze().then((r) => r.violations.map((v) => v.id))).toEqual([]);
  await plans.apply();

  const editor = new ScheduleEditor(page);
  await expect(page.getByRole("heading", { name: "Sample One 2026-12-01 to 2026-12-31" })).toBeVisible();
  await expect(page.getByText(/25 fps · 15860 events/)).toBeVisible();
  await editor.saved();

  // The same month as the command line makes from the same files.
  const out = join(dir, "december.json");
  scheduleflow(["plan", "--templates", join(docs, "example.plan.json"), "--playlist", join(docs, "playlists.json"),
    "--from", "2026-12-01", "--to", "2026-12-31", "-o", out]);
  const cliEvents = JSON.parse(readFileSync(out, "utf8")).schedules[0].events;
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export this schedule" }).click();
  const appEvents = JSON.parse(readFileSync(await (await download).path(), "utf8")).schedules[0].events;
  expect(appEvents).toEqual(cliEvents);

  // A hand edit on the first day: the first event gets a new title.
  const first = editor.rows().first();
  const title = (await first.getByRole("gridcell").nth(3).textContent()) ?? "";
  await first.click();
  await editor.field("Title").fill("Live: the tree lighting");
  await editor.applyForm();
  await expect(editor.row("Live: the tree lighting")).toBeVisible();
  expect(title).not.toBe("Live: the tree lighting");

  // The plan again, onto the open schedule.
  await page.getByRole("button", { name: "Apply plan…" }).click();
  await plans.choose("2026-12-01", "2026-12-31");
  await expect(plans.dialog.getByLabel("Put it into")).toHaveValue("open");
  await expect(plans.fact("Hand edits kept")).toHaveText("1");
  await expect(plans.fact("Replaced")).toHaveText("15859");
  // The rules fill around the kept event, so the month's shuffle runs on differently after it.
  const made = Number(await plans.fact("Events made").textContent());
  await plans.apply();
  await expect(editor.row("Live: the tree lighting")).toBeVisible();
  await expect(editor.button("Undo")).toHaveAttribute("title", "Undo: Apply the plan, 2026-12-01 to 2026-12-31");
  await expect(page.getByText(new RegExp(`25 fps · ${made + 1} events`))).toBeVisible();

  // The channel's separation rules, with their fixes.
  const rules = editor.validation.getByRole("region", { name: "Separation rules" });
  await expect(rules.getByRole("heading", { name: /^Separation rules: \d+ warning\(s\)$/ })).toBeVisible();
  await expect(rules.getByText("repeat-too-soon").first()).toBeVisible();

  // Stored: a reload shows the hand edit and the plan.
  await editor.saved();
  await page.reload();
  await expect(plans.row("Sample One")).toContainText("Mon–Fri Weekday");
  const reopened = await library.open("Sample One 2026-12-01 to 2026-12-31");
  await expect(reopened.row("Live: the tree lighting")).toBeVisible();
  await expect(page.getByText(new RegExp(`25 fps · ${made + 1} events`))).toBeVisible();
  await expectNoProblems(page, problems);
});

test("the plan editor: blocks resized and moved by keys and by dragging, a weekday changed, saved", async ({ page, problems }) => {
  const plans = await withExamplePlan(page);
  await plans.edit("Sample One");
  const editor = page.getByRole("dialog", { name: "Plan of Sample One" });
  const day = editor.getByRole("group", { name: "Day of Weekday" });
  await expect(day.getByRole("button")).toHaveText([/^Morning films/, /^News/, /^Evening series/, /^Late film/]);

  // Keys: a quarter hour shorter, twice.
  await day.getByRole("button", { name: /^Morning films, / }).click();
  await page.keyboard.press("Shift+ArrowLeft");
  await page.keyboard.press("Shift+ArrowLeft");
  await expect(day.getByRole("button", { name: "Morning films, 06:00:00:00 to 17:30:00:00 (11:30:00:00)" })).toBeFocused();
  await expect(editor.getByLabel("Length (empty: until the next block)")).toHaveValue("11:30:00:00");
  // Alt moves: the news a quarter hour earlier, into the time the films gave up.
  await day.getByRole("button", { name: /^News, / }).focus();
  await page.keyboard.press("Alt+Shift+ArrowLeft");
  await expect(day.getByRole("button", { name: "News, 17:45:00:00 to 18:15:00:00 (00:30:00:00)" })).toBeVisible();

  // Dragging the films' right edge back by about an hour: whole minutes, never past the news.
  const width = await day.evaluate((el) => el.clientWidth);
  const films = day.getByRole("button", { name: /^Morning films, / });
  const box = (await films.boundingBox())!;
  const edge = { x: box.x + box.width + 3, y: box.y + box.height / 2 };
  await page.mouse.move(edge.x, edge.y);
  await page.mouse.down();
  const dx = -Math.round((width * 60) / 1440);
  await page.mouse.move(edge.x + dx, edge.y, { steps: 4 });
  await page.mouse.up();
  const minutes = 690 + Math.round((dx / width) * 1440);
  const end = `${String(6 + Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
  await expect(day.getByRole("button", { name: new RegExp(`^Morning films, 06:00:00:00 to ${end}:00:00 `) })).toBeVisible();

  await editor.getByLabel("Sunday").selectOption({ label: "nothing planned" });
  // An exception: Christmas Eve gets the holiday template.
  const dates = editor.getByRole("list", { name: "Date rules" });
  await expect(dates.getByRole("listitem")).toHaveText([/^25 Dec 2026: Holiday/, /^the 1st Sun of the month: Saturday/]);
  await new PlanEditorDialog(page, "Sample One").addRule("one date", { On: "2026-12-24" }, "Holiday");
  await expect(dates.getByRole("listitem").last()).toHaveText(/^24 Dec 2026: Holiday/);
  await editor.getByRole("button", { name: "Save plan" }).click();
  await expect(editor).toBeHidden();
  await expect(plans.row("Sample One")).toContainText("Mon–Fri Weekday · Sat Saturday · Sun —");

  // Stored: after a reload the editor shows the changes.
  await page.reload();
  await plans.edit("Sample One");
  await expect(page.getByRole("group", { name: "Day of Weekday" }).getByRole("button", { name: "News, 17:45:00:00 to 18:15:00:00 (00:30:00:00)" })).toBeVisible();
  await expect(page.getByRole("list", { name: "Date rules" }).getByRole("listitem").last()).toHaveText(/^24 Dec 2026: Holiday/);
  expect(await new AxeBuilder({ page }).include("#plan-editor").withTags(["wcag2a", "wcag2aa"]).analyze().then((r) => r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`))).toEqual([]);
  await expectNoProblems(page, problems);
});

test("the plan editor: a block becomes a fixed event, the other date rules and separation, saved and applied", async ({ page, problems }) => {
  const plans = await withExamplePlan(page);
  await plans.edit("Sample One");
  const editor = new PlanEditorDialog(page, "Sample One");

  // The evening block: from its playlist to a fixed four-hour special, with no breaks.
  await editor.selectBlock("Weekday", "Evening series");
  await expect(editor.field("Events from")).toHaveValue("series");
  await expect(editor.field("Breaks")).toHaveValue("chapters");
  await editor.field("Events from").selectOption({ label: "a fixed event (such as the news)" });
  await editor.field("Event title").fill("Evening special");
  await editor.field("Event length").fill("04:00:00:00");
  await editor.field("Event length").press("Tab");
  await editor.field("Breaks").selectOption({ label: "none" });
  await expect(editor.field("Every (HH:MM:SS of programme)")).toBeHidden();
  // A mistake is shown with its place and blocks saving until mended.
  await editor.field("Pad each programme to").selectOption({ label: "the half hour" });
  await editor.field("Event length").fill("04:00:00");
  await editor.field("Event length").press("Tab");
  await expect(editor.dialog.getByRole("alert")).toContainText("templates[0].blocks[2]");
  await expect(editor.dialog.getByRole("button", { name: "Save plan" })).toBeDisabled();
  await editor.field("Event length").fill("04:00:00:00");
  await editor.field("Event length").press("Tab");
  await expect(editor.dialog.getByRole("alert")).toBeHidden();

  // The other kinds of date rule, each listed as it reads.
  await editor.addRule("dates from … to …", { From: "2026-12-28", To: "2026-12-30" }, "Holiday");
  await editor.addRule("a weekday every N weeks", { "Every (weeks)": "2", Weekday: "Friday", From: "2026-12-04" }, "Saturday");
  await editor.addRule("a weekday of each month", { The: "last", Weekday: "Wednesday" }, "nothing planned");
  await expect(editor.rules()).toHaveText([
    /^25 Dec 2026: Holiday/,
    /^the 1st Sun of the month: Saturday/,
    /^28 Dec 2026 to 30 Dec 2026: Holiday/,
    /^every 2 weeks on Fri from 4 Dec 2026: Saturday/,
    /^the last Wed of the month: nothing planned/,
  ]);

  // Separation: spots apart by their kind, 20 minutes.
  await editor.field("Spots of one category apart, by").selectOption({ label: "their kind (commercial, promo)" });
  await expect(editor.field("Field name")).toBeHidden();
  await editor.field("At least (minutes)").fill("20");
  await editor.field("At least (minutes)").press("Tab");
  await editor.save();

  // Stored: after a reload the editor shows it all.
  await page.reload();
  await plans.edit("Sample One");
  await editor.selectBlock("Weekday", "Evening series");
  await expect(editor.field("Event title")).toHaveValue("Evening special");
  await expect(editor.field("Pad each programme to")).toHaveValue("00:30:00");
  await expect(editor.field("Breaks")).toHaveValue("");
  await expect(editor.rules()).toHaveCount(5);
  await expect(editor.field("Spots of one category apart, by")).toHaveValue("kind");
  await expect(editor.field("At least (minutes)")).toHaveValue("20");
  await expect(editor.field("At least (breaks)")).toHaveValue("1");
  expect(await new AxeBuilder({ page }).include("#plan-editor").withTags(["wcag2a", "wcag2aa"]).analyze().then((r) => r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`))).toEqual([]);
  await editor.dialog.getByRole("button", { name: "Cancel" }).click();

  // Applied to a Tuesday: the special airs at 18:30 for four hours, and nothing of the series.
  await plans.row("Sample One").getByRole("button", { name: "Apply the plan of Sample One to dates" }).click();
  await plans.choose("2026-12-01", "2026-12-01", "a new schedule");
  await expect(plans.fact("Gaps")).toHaveText("0");
  await plans.apply();
  await new ScheduleEditor(page).saved();
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export this schedule" }).click();
  const events: { title: string; start: number; duration: number }[] = JSON.parse(readFileSync(await (await download).path(), "utf8")).schedules[0].events;
  expect(events.filter((e) => e.title === "Evening special").map((e) => [e.start, e.duration])).toEqual([[12.5 * 3600 * 25, 4 * 3600 * 25]]);
  expect(events.filter((e) => e.title.startsWith("Harbour Lights"))).toEqual([]);
  await expectNoProblems(page, problems);
});
