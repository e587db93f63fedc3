// Imports run in Web Workers behind a bounded queue, and the Jobs panel counts them.
import { test, expect, expectNoProblems } from "./fixtures";
import { JobsPanel, LibraryPage, ValidationPanel, untimedAsSchedules } from "./pages";
import { bigSchedule, dropFiles, sample, text } from "./files";

function facts(page: import("@playwright/test").Page) {
  const jobs = new JobsPanel(page);
  return (term: string) => jobs.fact(term);
}

test("imports run in workers and the Jobs panel counts what they did", async ({ page, problems }) => {
  await page.goto("/");
  await untimedAsSchedules(page);
  const fact = facts(page);
  await expect(fact("Workers")).toHaveText(/^[1-4]$/);
  await dropFiles(page, [
    sample("m3u/evening.m3u8"),
    sample("csv/generic.csv"),
    text("broken.json", '{"channel": "C", "date": "2026-01-01", "program": [{"in": 0}]}'),
  ]);
  await expect(page.getByRole("region", { name: "Library" }).getByRole("row")).toHaveCount(3);
  await expect(fact("Processed")).toHaveText("3");
  await expect(fact("Errors")).toHaveText("1");
  await expect(fact("Active")).toHaveText("0");
  await expect(fact("Queued")).toHaveText("0");
  await expect(fact("Utilisation")).toHaveText(/^\d+%$/);
  await expectNoProblems(page, problems);
});

test("forty files at once pass through a queue that never holds more than eight", async ({ page }) => {
  await page.goto("/");
  await untimedAsSchedules(page);
  const files = Array.from({ length: 40 }, (_, i) =>
    text(`list-${String(i).padStart(2, "0")}.m3u8`, `#EXTM3U\n#EXTINF:10,Item ${i}\nitem-${i}.mp4\n`),
  );
  await dropFiles(page, files);
  const fact = facts(page);
  await expect(fact("Processed")).toHaveText("40", { timeout: 60_000 });
  await expect(page.getByRole("region", { name: "Library" }).getByRole("row")).toHaveCount(41);
  expect(Number(await fact("Peak queued").textContent())).toBeLessThanOrEqual(8);
  expect(Number(await fact("Peak active").textContent())).toBeGreaterThanOrEqual(1);
  await expect(fact("Errors")).toHaveText("0");
  await page.reload();
  await expect(page.getByRole("region", { name: "Library" }).getByRole("row")).toHaveCount(41);
});

test.describe(() => {
  // The service worker keeps a copy of the worker's script and, once it controls the page,
  // serves it past the page's routes: blocked, so the script really is missing.
  test.use({ serviceWorkers: "block" });

  test("when the worker cannot start, imports run on the page and still complete", async ({ page }) => {
    await page.route("**/worker-loader*.js", (route) => route.fulfill({ status: 404, body: "" }));
    await page.goto("/");
    await untimedAsSchedules(page);
    const fact = facts(page);
    await expect(fact("Workers")).toHaveText("none: jobs run on the page");
    await dropFiles(page, [sample("m3u/evening.m3u8"), sample("csv/generic.csv")]);
    await expect(page.getByRole("region", { name: "Library" }).getByRole("row")).toHaveCount(3);
    await expect(fact("Processed")).toHaveText("2");
  });

  test("when the worker cannot start, the open schedule lives on the page: it opens, takes a fix, undoes, and is saved", async ({ page, problems }) => {
    await page.route("**/worker-loader*.js", (route) => route.fulfill({ status: 404, body: "" }));
    await page.goto("/");
    await dropFiles(page, [sample("csv/generic.csv")]);
    const editor = await new LibraryPage(page).open("generic");
    const validation = new ValidationPanel(page);
    await expect(validation.region).toContainText("0 error(s), 2 warning(s)");
    await validation.fix(/^Pad with 18:00:00:00 of filler/).click();
    await expect(validation.region).toContainText("0 error(s), 1 warning(s)");
    await expect(editor.grid.getByRole("row").filter({ hasText: "filler" })).toHaveCount(1);
    await editor.saved();
    await page.reload();
    const again = await new LibraryPage(page).open("generic");
    await expect(validation.region).toContainText("0 error(s), 1 warning(s)");
    await again.button("Undo").click();
    await expect(validation.region).toContainText("0 error(s), 2 warning(s)");
    await expect(again.grid.getByRole("row").filter({ hasText: "filler" })).toHaveCount(0);
    // The worker's missing script is the one expected failure.
    problems.console = problems.console.filter((m) => !/worker-loader|404|Service Worker registration blocked/.test(m));
    await expectNoProblems(page, problems);
  });
});

test.describe(() => {
  test.use({ serviceWorkers: "block" });

  test("a job cancelled from the Jobs panel, waiting or running, stores nothing and the queue moves on", async ({ page }) => {
    // Workers that say they are ready, take a job and never finish it: a job runs until it is
    // cancelled, so what the panel shows does not depend on the machine's speed.
    await page.route("**/worker-loader*.js", (route) =>
      route.fulfill({ contentType: "text/javascript", body: 'postMessage({ json: JSON.stringify("Ready") });' }),
    );
    await page.goto("/");
    await untimedAsSchedules(page);
    const jobs = new JobsPanel(page);
    const fact = facts(page);
    await expect(fact("Workers")).toHaveText(/^[1-4]$/);
    const workers = Number(await fact("Workers").textContent());
    const names = Array.from({ length: workers + 2 }, (_, i) => `list-${i}.m3u8`);
    await dropFiles(page, names.map((name, i) => text(name, `#EXTM3U\n#EXTINF:10,Item ${i}\nitem-${i}.mp4\n`)));
    const first = names[0];
    const [nextInLine, last] = names.slice(-2);
    await expect(jobs.line(first)).toContainText("running");
    await expect(jobs.line(nextInLine)).toContainText("waiting");
    await expect(jobs.line(last)).toContainText("waiting");

    await jobs.cancel(last);
    await expect(page.getByText(`${last}: cancelled; nothing was added`)).toBeVisible();
    await expect(jobs.line(last)).toHaveCount(0);
    await expect(fact("Cancelled")).toHaveText("1");

    // Cancelling a running job stops its worker; a fresh one takes the next in line.
    await jobs.cancel(first);
    await expect(page.getByText(`${first}: cancelled; nothing was added`)).toBeVisible();
    await expect(jobs.line(nextInLine)).toContainText("running");
    await expect(fact("Cancelled")).toHaveText("2");
    await expect(fact("Active")).toHaveText(String(workers));
    await expect(fact("Queued")).toHaveText("0");
    await expect(fact("Errors")).toHaveText("0");
    await expect(page.getByText("No schedules yet.")).toBeVisible();
  });
});

test("an export cancelled from the Jobs panel downloads nothing, and the next one downloads", async ({ page }) => {
  const library = new LibraryPage(page);
  await library.goto();
  await dropFiles(page, [text("big.json", bigSchedule(50_000))]);
  await library.open("Big day");
  const jobs = new JobsPanel(page);
  let downloads = 0;
  page.on("download", () => downloads++);
  await jobs.exportThenCancel();
  await expect(page.getByText("The export of “Big day” was cancelled; nothing was downloaded.")).toBeVisible();
  await expect(jobs.region.getByRole("list", { name: "Running and waiting" })).toHaveCount(0);
  const next = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export this schedule" }).click();
  expect((await next).suggestedFilename()).toBe("Big-day.json");
  expect(downloads).toBe(1);
});
