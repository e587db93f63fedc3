// Scrolling the event grid in a benchmark: top to bottom in 200 steps, one per animation frame,
// with the time between frames.
import { expect, type Page } from "@playwright/test";

/** Frame intervals (ms, sorted) while the event grid scrolls from top to bottom. */
export async function scrollFrames(page: Page): Promise<number[]> {
  const grid = page.getByRole("grid", { name: "Events" });
  // The rows can show before the grid is laid out at its full height (while the schedule is
  // still read); a scroll then would scroll nothing.
  await expect
    .poll(() => grid.evaluate((g) => g.parentElement!.scrollHeight - g.parentElement!.clientHeight))
    .toBeGreaterThan(0);
  const frames: number[] = await grid.evaluate(async (grid) => {
    // The grid's box scrolls; the table inside it is as tall as all its rows.
    const el = grid.parentElement!;
    const out: number[] = [];
    let last = performance.now();
    for (let i = 1; i <= 200; i++) {
      el.scrollTop = (el.scrollHeight * i) / 200;
      await new Promise((r) => requestAnimationFrame(r));
      const now = performance.now();
      out.push(now - last);
      last = now;
    }
    return out;
  });
  return frames.sort((a, b) => a - b);
}

/** The `q` quantile of sorted `frames`, to a tenth of a millisecond. */
export function quantile(frames: number[], q: number): string {
  return frames[Math.min(frames.length - 1, Math.floor(q * frames.length))].toFixed(1);
}
