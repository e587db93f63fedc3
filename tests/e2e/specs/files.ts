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
  const dataTransfer = await page.evaluateHandle((files) => {
    const dt = new DataTransfer();
    for (const f of files) {
      const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
      dt.items.add(new File([bytes], f.name, { type: f.type ?? "" }));
    }
    return dt;
  }, files);
  await page.dispatchEvent("main", "dragenter", { dataTransfer });
  await page.dispatchEvent("main", "drop", { dataTransfer });
}
