/** The county office's clerk registers a station and a member; the API's messages show beside the fields. */
import { choose, expect, expectAccessible, signInAs, test } from "./fixtures";

// Names are unique in the county: a suffix per run lets the tests run again on a kept stack.
const run = Date.now().toString(36).slice(-4);
const stationName = `演示·测试${run}委员工作站`;
const memberName = `演示委员·测试${run}`;

test("a clerk registers a station and a member", async ({ page, consoleUrl, consoleWatch }) => {
  await signInAs(page, consoleUrl, "演示·县政协办公室");
  await expect(page.getByRole("heading", { name: "工作台" })).toBeVisible();
  await expectAccessible(page, "home (admin)");

  await page.getByRole("menuitem", { name: "工作站（室）" }).click();
  await expect(page.getByTestId("stations").locator("tr.ant-table-row").first()).toBeVisible();
  await expectAccessible(page, "stations");
  // Grouped by zone: one click shows a zone's stations only.
  await page
    .getByTestId("stations")
    .getByText(/^社溪 \d+$/)
    .click();
  const zoneCells = page.getByTestId("stations").locator("tbody tr.ant-table-row td:nth-child(3)");
  await expect.poll(async () => [...new Set(await zoneCells.allTextContents())]).toEqual(["社溪"]);
  await page
    .getByTestId("stations")
    .getByText(/^全部片区 \d+$/)
    .click();
  await page.getByRole("button", { name: "登记工作站（室）" }).click();
  await page.getByLabel("名称", { exact: true }).fill(stationName);
  await page.getByLabel("片区", { exact: true }).click();
  await page.getByTitle("社溪").click();
  await page.getByLabel("依托阵地名称", { exact: true }).fill("社溪镇新时代文明实践所");
  await page.getByLabel("联系领导", { exact: true }).fill("演示·县政协副主席李某");
  await page.getByLabel("联系专委会", { exact: true }).fill("提案委员会");
  await page.getByLabel("联系人", { exact: true }).fill("演示·测试联系人");
  await page.getByLabel("联系电话", { exact: true }).fill("12345");
  await expectAccessible(page, "register a station");
  consoleWatch.expectApiError(400);
  await page.getByRole("button", { name: "提交" }).click();
  // The API's own message, beside the field it names.
  await expect(page.locator("#station_contact_phone_help")).toContainText(/手机|电话|号码/);
  await page.getByLabel("联系电话", { exact: true }).fill("13800009901");
  await page.getByRole("button", { name: "提交" }).click();
  await expect(page.getByRole("heading", { name: stationName })).toBeVisible();
  await expectAccessible(page, "station");

  await page.getByRole("menuitem", { name: "委员" }).click();
  await expect(page.getByTestId("members").locator("tr.ant-table-row").first()).toBeVisible();
  await expectAccessible(page, "members");
  await page.getByRole("button", { name: "登记委员" }).click();
  await page.getByLabel("姓名", { exact: true }).fill(memberName);
  await page.getByLabel("界别", { exact: true }).fill("经济界");
  await page.getByLabel("职业", { exact: true }).fill("企业管理");
  await page.getByLabel("专长（逗号分隔）", { exact: true }).fill("电商，物流");
  await page.getByLabel("手机", { exact: true }).fill("1380000");
  await page.getByRole("button", { name: "提交" }).click();
  await expect(page.locator("#member_phone_help")).toContainText(/手机|号码/);
  await page.getByLabel("手机", { exact: true }).fill("13800009902");
  await page.getByRole("button", { name: "提交" }).click();
  await expect(page.getByRole("heading", { name: memberName })).toBeVisible();
  await expectAccessible(page, "member");
});

test("the county office lets a township official sign in, then stops them", async ({
  page,
  consoleUrl,
  consoleWatch,
}) => {
  const subject = `wecom|zhangsan-${run}`;
  await signInAs(page, consoleUrl, "演示·县政协办公室");
  await page.getByRole("menuitem", { name: "登录用户" }).click();
  await expect(page.getByTestId("users").locator("tr.ant-table-row").first()).toBeVisible();
  await expectAccessible(page, "users");

  await page.getByRole("button", { name: "开通用户" }).click();
  await page.getByLabel("登录标识（sub）", { exact: true }).fill("zhang san");
  await page.getByLabel("姓名", { exact: true }).fill("演示·青石村联络员");
  await choose(page, "负责的工作站（室）", "青石村委员工作室（演示）");
  await page.keyboard.press("Escape");
  // Scanned once the list has closed: antd's open option list is a listbox with no name (its own).
  await expect(page.locator(".ant-select-dropdown:visible")).toHaveCount(0);
  await expectAccessible(page, "add a user");
  consoleWatch.expectApiError(400);
  await page.getByRole("button", { name: "提交" }).click();
  // A subject with a space is not one an identity provider gives: the API says so, beside the field.
  await expect(page.locator("#user_subject_help")).not.toBeEmpty();
  await page.getByLabel("登录标识（sub）", { exact: true }).fill(subject);
  await page.getByRole("button", { name: "提交" }).click();
  await expect(page.getByRole("heading", { name: "演示·青石村联络员" })).toBeVisible();
  await expect(page.getByText(subject)).toBeVisible();

  // The same subject again is not overwritten.
  await page.getByRole("menuitem", { name: "登录用户" }).click();
  await page.getByRole("button", { name: "开通用户" }).click();
  await page.getByLabel("登录标识（sub）", { exact: true }).fill(subject);
  await page.getByLabel("姓名", { exact: true }).fill("别人");
  await choose(page, "负责的工作站（室）", "青石村委员工作室（演示）");
  await page.keyboard.press("Escape");
  consoleWatch.expectApiError(409);
  await page.getByRole("button", { name: "提交" }).click();
  await expect(page.getByRole("alert")).toContainText("该登录标识已开通");

  // Deactivated: the list says so.
  await page.getByRole("menuitem", { name: "登录用户" }).click();
  await page.getByTestId("users").getByRole("link", { name: "演示·青石村联络员" }).click();
  await page.getByRole("switch", { name: "启用" }).click();
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByRole("switch", { name: "启用" })).not.toBeChecked();
  await page.getByRole("menuitem", { name: "登录用户" }).click();
  await expect(page.getByTestId("users").locator("tr", { hasText: subject })).toContainText("否");
});
