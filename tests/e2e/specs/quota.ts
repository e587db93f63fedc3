// Shrinking the origin's storage quota through the DevTools protocol, to provoke a real
// QuotaExceededError. Chromium reads the quota when the database is first written, so it is set
// before any import, with room that a few small files always fit in (their real cost, with the
// database's own bookkeeping, is not known in advance) and that a `noisySchedule(30_000)` (over
// 1 MB even compressed) never does.
import type { BrowserContext, Page } from "@playwright/test";

export const ROOM_FOR_SMALL_FILES = 512 * 1024;

/** Leaves the page's origin `room` bytes beyond what it uses now; returns how to lift it. */
export async function limitStorage(page: Page, context: BrowserContext, room = ROOM_FOR_SMALL_FILES) {
  const cdp = await context.newCDPSession(page);
  const origin = new URL(page.url()).origin;
  const { usage } = await page.evaluate(() => navigator.storage.estimate());
  await cdp.send("Storage.overrideQuotaForOrigin", { origin, quotaSize: (usage ?? 0) + room });
  return async () => {
    await cdp.send("Storage.overrideQuotaForOrigin", { origin });
  };
}
