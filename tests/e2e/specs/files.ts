// Real files for the end-to-end tests: the engine's golden samples, and a synthetic drop.
import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";

const data = new URL("../../../crates/engine/tests/data/", import.meta.url);

export type DropFile = { name: string; base64: string; type?: string };

export function sample(path: string, name = path.split("/").pop() ?? path): DropFile {
  return { name, base64: readFileSync(new URL(path, data)).toString("base64") };
}

export function text(name: string, content: string | Buffer, type = ""): DropFile {
  return { name, base64: Buffer.from(content).toString("base64"), type };
}

/** Drags files over the window and drops them, as a person would from a file manager. */
export async function dropFiles(page: Page, files: DropFile[]) {
  await drop(page, await dragged(page, files));
}

/** The files as a drag's data, built in the page. */
export async function dragged(page: Page, files: DropFile[]) {
  return page.evaluateHandle((files) => {
    const dt = new DataTransfer();
    for (const f of files) {
      const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
      dt.items.add(new File([bytes], f.name, { type: f.type ?? "" }));
    }
    return dt;
  }, files);
}

/** Drops what `dragged` built on the window. */
export async function drop(page: Page, dataTransfer: Awaited<ReturnType<typeof dragged>>) {
  await page.dispatchEvent("main", "dragenter", { dataTransfer });
  await page.dispatchEvent("main", "drop", { dataTransfer });
}

/** A ScheduleFlow JSON document with `count` back-to-back events; event 25,000 overlaps. */
export function bigSchedule(count: number): string {
  const events = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    const duration = 250 + (i % 7) * 25;
    const start = i === 25_000 ? at - 100 : at;
    events.push(`{"id":"ev${i}","start":${start},"duration":${duration},"title":"Event ${i}","kind":"${i % 3 ? "commercial" : "programme"}"}`);
    at = start + duration;
  }
  return `{"format":"scheduleflow-json","version":1,"schedules":[{"id":"big","name":"Big day","channel":{"name":"One","rate":"25","zone":"UTC","day_start":"06:00:00"},"origin":"2026-01-01T06:00:00Z","length":${at},"events":[${events.join(",")}]}]}`;
}

/** Like `bigSchedule`, with titles of seeded random letters, so that the stored record does not
 * compress much (IndexedDB compresses large values: `bigSchedule(20_000)`'s 1.8 MB store in
 * about 0.4 MB). */
export function noisySchedule(count: number, seed = 1): string {
  const letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  let state = seed >>> 0;
  const next = () => {
    // xorshift32: the same titles on every run.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) % letters.length;
  };
  const title = () => Array.from({ length: 48 }, () => letters[next()]).join("");
  const events = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    events.push(`{"id":"ev${i}","start":${at},"duration":250,"title":"${title()}","kind":"commercial"}`);
    at += 250;
  }
  return `{"format":"scheduleflow-json","version":1,"schedules":[{"id":"noisy","name":"Noisy","channel":{"name":"One","rate":"25","zone":"UTC","day_start":"06:00:00"},"origin":"2026-01-01T06:00:00Z","length":${at},"events":[${events.join(",")}]}]}`;
}
