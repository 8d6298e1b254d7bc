/**
 * Sign-in through a real OpenID provider (decision 0024's addendum): a stack of its own that trusts
 * oidc-provider instead of its own issuer. The county office's first admin signs in there (code +
 * PKCE, real redirects), works, and signs out there too, so the next sign-in asks again; someone the
 * county office has not added reads the API's reason on the sign-in page.
 */
import type { Page } from "@playwright/test";
import { expect, expectAccessible, test } from "./fixtures";
import { type StackProcess, startStackProcess } from "./local-stack-process";
import { consoleClientId, listenForProvider, type TestProvider } from "./oidc/provider";

const countyOffice = "county-office-wang";

let provider: TestProvider;
let stack: StackProcess;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  provider = await listenForProvider();
  stack = await startStackProcess([
    ...["--identity", "oidc", "--oidc-issuer", provider.issuer, "--oidc-audience", consoleClientId],
    ...["--bootstrap-admin", countyOffice],
  ]);
  await provider.serve(stack.consoleUrl);
});

test.afterAll(async () => {
  await stack?.stop();
  await provider?.close();
});

test.beforeEach(async ({ page }) => {
  // The provider's own pages ask for a web font; there is no internet here.
  await page.route(/fonts\.googleapis\.com/, (route) =>
    route.fulfill({ status: 200, contentType: "text/css", body: "" }),
  );
});

const signInButton = (page: Page) => page.getByRole("button", { name: "通过统一身份认证登录" });

/** From the console's sign-in page to the provider's login form, which it fills in as `login`. */
async function signInAtProvider(page: Page, login: string): Promise<void> {
  await page.goto(`${stack.consoleUrl}#/sign-in`);
  await signInButton(page).click();
  await expect(page).toHaveURL(new RegExp(`^${provider.issuer}/interaction/`));
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
}

test("the county office signs in at its provider, works, and signs out there", async ({ page }) => {
  await page.goto(`${stack.consoleUrl}#/sign-in`);
  await expect(signInButton(page)).toBeVisible();
  await expectAccessible(page, "sign-in (provider)");

  await signInAtProvider(page, countyOffice);
  await expect(page.getByRole("heading", { name: "工作台" })).toBeVisible();
  await expect(page.locator("header").getByText("县政协办公室", { exact: true })).toBeVisible();
  expect(page.url().startsWith(stack.consoleUrl)).toBe(true);
  await expectAccessible(page, "home (provider)");

  // A page that calls the API with the provider's token.
  const stations = page.waitForResponse((response) => /\/stations(\?|$)/.test(response.url()));
  await page.getByRole("menuitem", { name: "工作站（室）" }).click();
  expect((await stations).status()).toBe(200);
  await expect(page.getByTestId("stations")).toBeVisible();
  await expectAccessible(page, "stations (provider)");

  // Sign-out ends the provider's session through its end-session endpoint, then comes back.
  await page.getByRole("button", { name: "退出" }).click();
  await expect(page).toHaveURL(new RegExp(`^${provider.issuer}/session/end`));
  await page.getByRole("button", { name: "Yes, sign me out" }).click();
  await expect(signInButton(page)).toBeVisible();
  expect(page.url().startsWith(stack.consoleUrl)).toBe(true);

  // The provider asks again who signs in.
  await signInButton(page).click();
  await expect(page.locator('input[name="login"]')).toBeVisible();
});

test("someone the county office has not added reads why on the sign-in page", async ({
  page,
  consoleWatch,
}) => {
  consoleWatch.expectApiError(403);
  await signInAtProvider(page, "not-a-user");
  await expect(page.getByRole("alert")).toContainText("您的账号尚未在本系统登记，请联系县政协办公室开通");
  await expect(signInButton(page)).toBeVisible();
  await expectAccessible(page, "sign-in refused (provider)");

  // Signing in again lets someone else sign in: the provider asks who, though it still has a session.
  await signInButton(page).click();
  await expect(page.locator('input[name="login"]')).toBeVisible();
});
