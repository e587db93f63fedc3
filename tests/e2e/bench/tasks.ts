// Long tasks (PerformanceObserver `longtask`: main-thread tasks over 50 ms), watched from the
// page's first script on, for the benchmarks that print them.
import type { Page } from "@playwright/test";

/** Starts recording the page's long tasks (call before `goto`). */
export async function watchLongTasks(page: Page) {
  await page.addInitScript(() => {
    const w = window as any;
    w.__long = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__long.push(e.duration);
    }).observe({ type: "longtask", buffered: true });
  });
}

/** The long tasks' durations (ms) since the last call, forgotten once taken. */
export async function takeLongTaskDurations(page: Page): Promise<number[]> {
  return page.evaluate(() => (window as any).__long.splice(0));
}
