/**
 * What every console test shares: the console's address, a watch on the browser console (any error
 * fails the test, except an API error answer the test provoked on purpose), sign-in as a demo user,
 * and the accessibility scan.
 */
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";

export { expect };

export class ConsoleWatch {
  readonly errors: string[] = [];
  private readonly expected: RegExp[] = [];

  constructor(page: Page) {
    page.on("console", (message) => {
      if (message.type() === "error") this.errors.push(message.text());
    });
    page.on("pageerror", (error) => this.errors.push(`page error: ${error.message}`));
  }

  /** A deliberate bad submission: the browser logs the API's 4xx answer as a failed resource. */
  expectApiError(status: number): void {
    this.expected.push(
      new RegExp(`Failed to load resource: the server responded with a status of ${status}`),
    );
  }

  unexpected(): string[] {
    return this.errors.filter((error) => !this.expected.some((pattern) => pattern.test(error)));
  }
}

export const test = base.extend<{ consoleUrl: string; consoleWatch: ConsoleWatch }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern
  consoleUrl: async ({}, use) => {
    const url = process.env.CONSOLE_URL;
    if (!url) throw new Error("CONSOLE_URL is not set: the global setup did not run");
    await use(url);
  },
  consoleWatch: [
    async ({ page }, use) => {
      const watch = new ConsoleWatch(page);
      await use(watch);
      expect(watch.unexpected(), "errors in the browser console").toEqual([]);
    },
    { auto: true },
  ],
});

/** Signs in from the sign-in page as the demo user whose name matches. */
export async function signInAs(page: Page, consoleUrl: string, name: string | RegExp): Promise<void> {
  await page.goto(`${consoleUrl}#/sign-in`);
  const label = typeof name === "string" ? `登录 ${name}` : new RegExp(`^登录 ${name.source}`);
  await page.getByRole("button", { name: label }).first().click();
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
}

/** Signs out with the header's button, back to the sign-in page. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "退出" }).click();
  await expect(page.getByTestId("signed-in-as")).toHaveCount(0);
}

/** In the page: no animation running but endless ones. (A string: this project's types have no DOM.) */
const settled =
  "document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity)";

/** No serious or critical accessibility violations on the page as it is now. */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  // A page mid-animation (a form fading in, a dropdown closing) would be judged on its in-between
  // colours and on elements on their way out: scan it settled. Endless ones (spinners) never settle.
  await page.waitForFunction(settled, undefined, { timeout: 10_000 });
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(serious, `accessibility on ${where}`).toEqual([]);
}

/** Dates as the API takes them. */
export const isoDate = (offsetDays = 0) =>
  new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(
    new Date(Date.now() + offsetDays * 86_400_000),
  );

/** The demo users the sign-in page offers (the local runtime's list). */
export async function demoUsers(
  page: Page,
  consoleUrl: string,
): Promise<{ id: string; role: string; name: string }[]> {
  const response = await page.request.get(`${consoleUrl}local/demo-users`);
  return ((await response.json()) as { users: { id: string; role: string; name: string }[] }).users;
}

/** Picks the first option of an antd Select found by its label (tried again if the click is lost, as in `choose`). */
export async function chooseFirst(page: Page, label: string): Promise<void> {
  const select = page.getByLabel(label, { exact: true });
  await select.evaluate((element) => element.scrollIntoView({ block: "center" }));
  const field = page.locator(".ant-form-item").filter({ has: select });
  const before = (await field.textContent()) ?? "";
  await expect(async () => {
    // A multiple Select toggles: once the field shows a choice, clicking again would take it back.
    if ((await field.textContent()) !== before) return;
    if (!(await page.locator(".ant-select-dropdown:visible").count())) await select.click();
    await page
      .locator(".ant-select-dropdown:visible .ant-select-item-option")
      .first()
      .click({ timeout: 2_000 });
    await expect(field).not.toHaveText(before, { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await page.keyboard.press("Escape");
}

/** Picks the option titled `option` of an antd Select found by its label. */
export async function choose(page: Page, label: string, option: string): Promise<void> {
  const select = page.getByLabel(label, { exact: true });
  // Centred first: a Select at the bottom of the viewport opens while the page scrolls, and the click
  // on its option may then be lost; so the choice is checked on the field, and tried again if lost.
  await select.evaluate((element) => element.scrollIntoView({ block: "center" }));
  const field = page.locator(".ant-form-item").filter({ has: select });
  await expect(async () => {
    if (!(await page.locator(".ant-select-dropdown:visible").count())) await select.click();
    await page
      .locator(".ant-select-dropdown:visible")
      .getByTitle(option, { exact: true })
      .click({ timeout: 2_000 });
    await expect(field).toContainText(option, { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
}
