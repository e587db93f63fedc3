// Builds the command-line tool before any test runs: a test compares the app with it, and a
// cold build on a fresh machine takes longer than one test may.
import { execFileSync } from "node:child_process";
import { repo } from "./specs/cli";

export default function buildCli(): void {
  execFileSync("cargo", ["build", "-q", "--locked", "-p", "scheduleflow-cli"], { cwd: repo, stdio: "inherit" });
}
