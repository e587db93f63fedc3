// Page objects for the end-to-end suite: the library, the schedule editor, the validation and
// Jobs panels, reached by role and accessible name the way a person (or a screen reader) finds
// them.
import { expect, type Locator, type Page } from "@playwright/test";

/** Ticks the import panel's choice that files without times become schedules. */
export async function untimedAsSchedules(page: Page) {
  await page.getByLabel("Files without times (M3U, CSV without starts) become schedules, not playlists").check();
}

export class LibraryPage {
  readonly region: Locator;
  readonly playlists: Locator;

  constructor(readonly page: Page) {
    this.region = page.getByRole("region", { name: "Library" });
    this.playlists = page.getByRole("region", { name: "Playlists" });
  }

  async goto() {
    await this.page.goto("/");
  }

  async loadSample() {
    await this.page.getByRole("button", { name: "Load the sample channel" }).click();
    await expect(this.region.getByRole("rowheader", { name: /^Sample One / })).toBeVisible();
  }

  /** Opens the schedule whose name starts with `name`. */
  async open(name: string | RegExp): Promise<ScheduleEditor> {
    const pattern = typeof name === "string" ? new RegExp(`^Open ${name}`) : name;
    await this.page.getByRole("button", { name: pattern }).first().click();
    const editor = new ScheduleEditor(this.page);
    await expect(editor.grid).toBeVisible();
    await editor.read();
    return editor;
  }
}

export class ScheduleEditor {
  readonly grid: Locator;
  readonly validation: Locator;
  readonly timeline: Locator;
  readonly form: Locator;
  readonly insert: Locator;
  readonly toolbar: Locator;

  constructor(readonly page: Page) {
    this.grid = page.getByRole("grid", { name: "Events" });
    this.validation = page.getByRole("region", { name: "Validation" });
    this.timeline = page.getByRole("img", { name: /^Timeline of / });
    this.form = page.getByRole("region", { name: "Event" });
    this.insert = page.getByRole("region", { name: "Insert" });
    this.toolbar = page.getByRole("toolbar", { name: "Edit events" });
  }

  /** Waits until the schedule's events are read from storage (the status says so meanwhile):
   * as long as reading takes (a million events can take seconds on a busy machine). */
  async read() {
    await expect(this.validation.getByText("Reading the schedule from storage…")).toHaveCount(0, { timeout: 120_000 });
  }


  /** The event rows in the page (the header row is not one). */
  rows(): Locator {
    return this.grid.getByRole("row").filter({ has: this.page.getByRole("gridcell") });
  }

  row(title: string): Locator {
    return this.rows().filter({ has: this.page.getByRole("gridcell", { name: title, exact: true }) }).first();
  }

  /** Waits until the table holds what the schedule's desk last answered (it says it is busy
   * while answers are on their way from the document worker). */
  async settled() {
    await expect(this.grid).not.toHaveAttribute("aria-busy", "true");
  }

  /** The titles of the first `count` rows, in running order. */
  async titles(count: number): Promise<string[]> {
    await this.settled();
    const rows = this.rows();
    const out: string[] = [];
    for (let i = 0; i < count; i++) out.push((await rows.nth(i).getByRole("gridcell").nth(3).textContent()) ?? "");
    return out;
  }

  /** The start, end and duration cells of the row titled `title`. */
  async times(title: string): Promise<string[]> {
    await this.settled();
    return (await this.row(title).getByRole("gridcell").allTextContents()).slice(0, 3);
  }

  async select(title: string, modifiers: ("Shift" | "Control")[] = []) {
    await this.row(title).click({ modifiers });
  }

  async expectSelected(titles: string[]) {
    const selected = this.grid.locator('[role="row"][aria-selected="true"]');
    await expect(selected).toHaveCount(titles.length);
    for (const t of titles) await expect(this.row(t)).toHaveAttribute("aria-selected", "true");
  }

  field(label: string): Locator {
    return this.form.getByLabel(label, { exact: true });
  }

  async applyForm() {
    await this.form.getByRole("button", { name: "Apply changes" }).click();
  }

  button(name: string): Locator {
    return this.page.getByRole("button", { name, exact: true });
  }

  /** Waits until every change is stored (the status line stops saying "Saving…"). */
  async saved() {
    await expect(this.page.getByText("Saving…")).toBeHidden();
  }

  async back() {
    await this.page.getByRole("button", { name: "Back to the library" }).click();
  }
}

/** The open schedule's validation panel. */
export class ValidationPanel {
  readonly region: Locator;

  constructor(readonly page: Page) {
    this.region = page.getByRole("region", { name: "Validation" });
  }

  /** The panel's count of errors, from its summary line ("2 error(s), 1 warning(s)"). */
  async errors(): Promise<number> {
    return Number(/(\d+) error\(s\)/.exec((await this.region.textContent()) ?? "")?.[1] ?? NaN);
  }

  /** The listed problems with stable code `code` ("gap", "hard-start-missed", ...). */
  problems(code: string): Locator {
    return this.region.getByRole("listitem").filter({ hasText: code });
  }

  /** The one-click fix whose button says `label`. */
  fix(label: string | RegExp): Locator {
    return this.region.getByRole("button", { name: label });
  }

  /** The button that selects a problem's event ("Go to event ev25000"). */
  goTo(eventId: string): Locator {
    return this.region.getByRole("button", { name: `Go to event ${eventId}` });
  }
}

/** The Jobs panel: how many imports ran, queued, failed. */
export class JobsPanel {
  readonly region: Locator;

  constructor(readonly page: Page) {
    this.region = page.getByRole("region", { name: "Jobs" });
  }

  /** The figure the panel gives for `term` ("Processed", "Peak queued", ...). */
  fact(term: string): Locator {
    // A description list: the figure is the definition right after its term.
    return this.region.getByRole("definition").and(this.region.locator(`dt:text-is("${term}") + dd`));
  }

  /** The line of a running or waiting job, by its file's name. */
  line(name: string): Locator {
    return this.region.getByRole("list", { name: "Running and waiting" }).getByRole("listitem").filter({ hasText: name });
  }

  async cancel(name: string) {
    await this.region.getByRole("button", { name: `Cancel ${name}` }).click();
  }

  /** Clicks "Export this schedule", then the export's Cancel as soon as the panel lists it:
   * both in one step in the page, so that the export is still being written whatever the
   * machine's speed (a person's second click would come a few hundred milliseconds later). */
  async exportThenCancel() {
    await this.page.evaluate(async () => {
      const button = (name: string) =>
        [...document.querySelectorAll("button")].find((b) => b.getAttribute("aria-label")?.startsWith(name));
      button("Export this schedule")!.click();
      for (let turn = 0; turn < 10 && !button("Cancel export of"); turn++) await new Promise((r) => setTimeout(r, 0));
      button("Cancel export of")!.click();
    });
  }
}

/** The Plans panel and its "Apply to dates" dialog. */
export class PlansPanel {
  readonly region: Locator;
  readonly dialog: Locator;

  constructor(readonly page: Page) {
    this.region = page.getByRole("region", { name: "Plans" });
    this.dialog = page.getByRole("dialog", { name: /^Apply the plan of / });
  }

  async openFile(path: string) {
    await this.page.getByLabel("Open plan file").setInputFiles(path);
  }

  row(channel: string): Locator {
    return this.region.getByRole("row").filter({ has: this.page.getByRole("rowheader", { name: channel }) });
  }

  /** Opens the plan editor of `channel`'s plan. */
  async edit(channel: string) {
    await this.row(channel).getByRole("button", { name: `Edit the plan of ${channel}` }).click();
  }

  /** Fills the dialog's dates and target; the preview follows. */
  async choose(from: string, to: string, target?: "a new schedule" | "the open schedule (keeps hand edits)") {
    await this.dialog.getByLabel("First broadcast day").fill(from);
    await this.dialog.getByLabel("Last broadcast day").fill(to);
    if (target) await this.dialog.getByLabel("Put it into").selectOption({ label: target });
  }

  /** The preview's figure labelled `term` (Events made, Hand edits kept, Replaced, Gaps, Checks). */
  fact(term: string): Locator {
    return this.dialog.locator("dt", { hasText: new RegExp(`^${term}$`) }).locator("xpath=following-sibling::dd[1]");
  }

  async apply() {
    await this.dialog.getByRole("button", { name: "Apply", exact: true }).click();
    await expect(this.dialog).toBeHidden();
  }
}

/** The plan editor dialog of a channel's plan. */
export class PlanEditorDialog {
  readonly dialog: Locator;

  constructor(readonly page: Page, channel: string) {
    this.dialog = page.getByRole("dialog", { name: `Plan of ${channel}` });
  }

  /** The day strip of the template named `name`. */
  day(name: string): Locator {
    return this.dialog.getByRole("group", { name: `Day of ${name}` });
  }

  async selectBlock(template: string, title: string) {
    await this.day(template).getByRole("button", { name: new RegExp(`^${title}, `) }).click();
  }

  field(label: string): Locator {
    return this.dialog.getByLabel(label, { exact: true });
  }

  /** The listed date rules, as the editor words them. */
  rules(): Locator {
    return this.dialog.getByRole("list", { name: "Date rules" }).getByRole("listitem");
  }

  /** Adds a date rule: `fields` maps each label of the rule's form to a value to fill or choose. */
  async addRule(kind: string, fields: Record<string, string>, template: string) {
    await this.field("New rule for").selectOption({ label: kind });
    for (const [label, value] of Object.entries(fields)) {
      const input = this.field(label);
      if ((await input.evaluate((el) => el.tagName)) === "SELECT") await input.selectOption({ label: value });
      else await input.fill(value);
    }
    await this.field("gets").selectOption({ label: template });
    await this.dialog.getByRole("button", { name: "Add the rule" }).click();
  }

  async save() {
    await this.dialog.getByRole("button", { name: "Save plan" }).click();
    await expect(this.dialog).toBeHidden();
  }
}
