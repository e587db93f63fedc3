// Takes a headless-Chromium screenshot of a page, for looking at what a person sees.
// Usage: node screenshot.mjs URL OUT.png [--dark] [--width=1280] [--height=800]
// Prints console errors and uncaught exceptions, so a broken page is noticed too.
import { chromium } from "@playwright/test";

const [url, out, ...flags] = process.argv.slice(2);
if (!url || !out) {
  console.error("usage: node screenshot.mjs URL OUT.png [--dark] [--width=N] [--height=N]");
  process.exit(2);
}
const option = (name, fallback) =>
  Number(flags.find((f) => f.startsWith(`--${name}=`))?.split("=")[1] ?? fallback);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run"],
});
const page = await browser.newPage({
  viewport: { width: option("width", 1280), height: option("height", 800) },
  colorScheme: flags.includes("--dark") ? "dark" : "light",
});
page.on("console", (m) => m.type() === "error" && console.log(`console error: ${m.text()}`));
page.on("pageerror", (e) => console.log(`page error: ${e}`));
await page.goto(url);
await page.waitForLoadState("networkidle");
await page.screenshot({ path: out, fullPage: true });
await browser.close();
console.log(`wrote ${out}`);
