/** A member opens the console on a phone (from a WeCom or WeChat message) and sees the topics of their stations. */
import { demoUsers, expect, expectAccessible, signInAs, test } from "./fixtures";

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

test("a member on a phone sees their topics", async ({ page, consoleUrl }) => {
  const member = (await demoUsers(page, consoleUrl)).find((user) => user.role === "member");
  if (!member) throw new Error("the demo data has no member to sign in as");
  await signInAs(page, consoleUrl, member.name);
  await expect(page.getByRole("heading", { name: "工作台" })).toBeVisible();
  const topics = page.getByTestId("my-topics");
  await expect(topics.getByText("我参与的议题")).toBeVisible();
  await expect(topics.locator("tr.ant-table-row").first()).toBeVisible();
  // Their duty shifts from today on (the demo data may plan none: then the card says so).
  await expect(page.getByTestId("next-duty-shift")).toContainText(/我的值班安排/);
  // Read-only: no registering, no delivery log, no roster in the menu.
  await expect(page.getByRole("button", { name: "登记议题" })).toHaveCount(0);
  await expectAccessible(page, "home (member, phone)");
  await page.screenshot({ path: "docs/screenshots/member-phone.png" });

  // The 4+X pace of their stations, without the quarterly checks (the county office's and staff's).
  await page.goto(`${consoleUrl}#/quota`);
  await expect(page.getByTestId("quota").getByRole("table")).toBeVisible();
  await expect(page.getByText("季度检查")).toHaveCount(0);
  await expect(page.getByRole("alert")).toHaveCount(0);
  await page.goto(`${consoleUrl}#/`);

  await topics.getByRole("link").first().click();
  await expect(page.getByTestId("timeline")).toBeVisible();
  await expect(page.getByRole("button", { name: "完成本步骤" })).toHaveCount(0);
  await expectAccessible(page, "topic (member, phone)");
});
