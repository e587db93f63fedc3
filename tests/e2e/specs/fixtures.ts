// Shared test fixture: every page records console errors, uncaught exceptions and CSP violations,
// and each test can assert that none happened.
import { test as base, expect, type Page } from "@playwright/test";

export type PageProblems = { console: string[]; exceptions: string[]; csp: string[] };

export const test = base.extend<{ problems: PageProblems }>({
  problems: async ({ page }, use) => {
    const problems: PageProblems = { console: [], exceptions: [], csp: [] };
    page.on("console", (msg) => {
      if (msg.type() === "error" || msg.type() === "warning") problems.console.push(msg.text());
    });
    page.on("pageerror", (err) => problems.exceptions.push(String(err)));
    await page.exposeFunction("__reportCspViolation", (v: string) => problems.csp.push(v));
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) => {
        (window as any).__reportCspViolation(`${e.violatedDirective} blocked ${e.blockedURI}`);
      });
    });
    await use(problems);
  },
});

export async function expectNoProblems(page: Page, problems: PageProblems) {
  // Let late errors (a failed wasm instantiation, a blocked style) surface before checking.
  await page.waitForLoadState("networkidle");
  expect(problems.csp, "CSP violations").toEqual([]);
  expect(problems.exceptions, "uncaught exceptions").toEqual([]);
  expect(problems.console, "console errors and warnings").toEqual([]);
}

export { expect };
