// The command-line tool as the end-to-end tests run it: the debug build that global-setup.ts makes.
import { execFileSync } from "node:child_process";
import { join } from "node:path";

export const repo = new URL("../../../", import.meta.url).pathname;

/** Runs `scheduleflow` with these arguments and returns what it printed. */
export function scheduleflow(args: string[]): string {
  return execFileSync(join(repo, "target/debug/scheduleflow"), args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}
