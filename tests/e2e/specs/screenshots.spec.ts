// Screenshots of the main views, light and dark, for a person to look at (test-results/screens/).
import { test, expect } from "./fixtures";
import { dropFiles, sample, text } from "./files";

for (const scheme of ["light", "dark"] as const) {
  test(`the library with imports, ${scheme}`, async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto("/");
    await dropFiles(page, [
      sample("ffplayout/2026-03-28.json"),
      sample("xmltv/berlin-fall-back.xml"),
      sample("bxf/primary.xml"),
      sample("m3u/evening.m3u8"),
      text("broken.json", '{"channel": "C", "date": "2026-01-01", "program": [{"in": 0}]}'),
    ]);
    await expect(page.getByRole("table").getByRole("row")).toHaveCount(5);
    await expect(page.getByRole("alert")).toHaveCount(1);
    await page.screenshot({ path: `test-results/screens/library-${scheme}.png`, fullPage: true });
  });
}

for (const scheme of ["light", "dark"] as const) {
  test(`the schedule view, ${scheme}`, async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto("/");
    await dropFiles(page, [sample("bxf/primary.xml"), sample("csv/generic.csv")]);
    await page.getByRole("button", { name: /^Open generic/ }).click();
    await expect(page.getByRole("region", { name: "Validation" })).toBeVisible();
    await page.screenshot({ path: `test-results/screens/schedule-${scheme}.png`, fullPage: true });
  });
}
