import { test, expect } from "@playwright/test";
import { bigSchedule, dropFiles, text } from "../specs/files";
import { LibraryPage } from "../specs/pages";
import * as fs from "fs";

test("profile", async ({ page }) => {
  test.setTimeout(600_000);
  const library = new LibraryPage(page);
  await library.goto();
  await dropFiles(page, [text("big.json", bigSchedule(50_000))]);
  const editor = await library.open("Big day");
  await editor.select("Event 12");
  await editor.saved();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 100 });
  await cdp.send("Profiler.start");
  for (let i = 0; i < 5; i++) {
    await editor.grid.focus();
    await page.keyboard.press("Delete");
    await editor.saved();
    await page.waitForTimeout(200);
  }
  const { profile } = await cdp.send("Profiler.stop");
  const self = new Map<string, number>();
  const byId = new Map(profile.nodes.map((n: any) => [n.id, n]));
  const dt = profile.timeDeltas; const samples = profile.samples;
  for (let i = 0; i < samples.length; i++) {
    const n: any = byId.get(samples[i]);
    const name = `${n.callFrame.functionName || "(anon)"} ${n.callFrame.url.split("/").pop()}:${n.callFrame.lineNumber}`;
    self.set(name, (self.get(name) ?? 0) + (dt[i] ?? 0) / 1000);
  }
  const top = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 40);
  console.log(top.map(([k, v]) => `${v.toFixed(1)} ms  ${k}`).join("\n"));
  fs.writeFileSync("/tmp/sf/profile.cpuprofile", JSON.stringify(profile));
});
