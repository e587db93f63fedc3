// Downloads as a user receives them, paced under Chromium's limit on rapid downloads from one page.
//
// Chromium drops a page's download silently once about ten have started within one second
// (measured on Chromium 156: ten back-to-back downloads pass, the eleventh never arrives unless
// a second has gone by since the first of them). A person never clicks that fast; a test that
// exports after every edit does. So each page's recent downloads are remembered and a click that
// would be the sixth within the window waits for the oldest one to leave it.
import type { Download, Page } from "@playwright/test";

const WINDOW_MS = 1_200;
const MOST_IN_WINDOW = 5;
const recent = new WeakMap<Page, number[]>();

/** Clicks (through `start`) whatever offers a file and returns the download; if none comes,
 * fails at once with `what` and the status line's words rather than at the test's timeout. */
export async function download(page: Page, start: () => Promise<void>, what: string, timeout = 60_000): Promise<Download> {
  const times = (recent.get(page) ?? []).filter((t) => Date.now() - t < WINDOW_MS);
  if (times.length >= MOST_IN_WINDOW) await page.waitForTimeout(WINDOW_MS - (Date.now() - times[0]));
  const downloading = page.waitForEvent("download", { timeout });
  times.push(Date.now());
  recent.set(page, times);
  await start();
  return downloading.catch(async (error) => {
    const said = await page.locator(".status-line").textContent({ timeout: 1_000 }).catch(() => "?");
    throw new Error(`no download for ${what}; the status line said “${said}”: ${error}`);
  });
}
