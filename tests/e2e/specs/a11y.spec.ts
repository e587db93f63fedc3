// Accessibility: axe finds no violations on the library, the schedule editor, its dialogs and
// "Schedule a playlist", in the light and the dark theme.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { test, expect } from "./fixtures";
import { LibraryPage } from "./pages";

async function violations(page: Page, include?: string) {
  let builder = new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]);
  if (include) builder = builder.include(include);
  const { violations } = await builder.analyze();
  return violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

for (const scheme of ["light", "dark"] as const) {
  test(`no accessibility violations in the ${scheme} theme`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    const library = new LibraryPage(page);
    await library.goto();
    await library.loadSample();
    expect(await violations(page), "library").toEqual([]);

    await page.getByRole("button", { name: "Schedule playlist Sample fillers" }).click();
    const build = page.getByRole("dialog", { name: "Schedule a playlist" });
    await build.getByRole("button", { name: "Add a hard-start block" }).click();
    await expect(build.getByRole("img", { name: /^Timeline of/ })).toBeVisible();
    expect(await violations(page, "#build-dialog"), "Schedule a playlist").toEqual([]);
    await page.keyboard.press("Escape");

    await page.getByRole("button", { name: "New channel" }).click();
    expect(await violations(page, "#channel-dialog"), "channel dialog").toEqual([]);
    await page.keyboard.press("Escape");
    await page.getByRole("button", { name: "New schedule" }).click();
    expect(await violations(page, "#new-schedule-dialog"), "new schedule dialog").toEqual([]);
    await page.keyboard.press("Escape");

    const editor = await library.open("Sample One");
    await editor.select("Spot: Harbour Bank 1");
    await editor.field("Duration").fill("nonsense");
    await editor.applyForm();
    await expect(editor.field("Duration")).toHaveAttribute("aria-invalid", "true");
    expect(await violations(page), "schedule editor").toEqual([]);
    await page.getByRole("button", { name: "Channel…" }).click();
    expect(await violations(page, "#channel-dialog"), "the schedule's channel dialog").toEqual([]);
  });
}
