/**
 * A station's staff logs a 4+X activity (one bad submission shows the API's message beside the field),
 * finds it in the station's list, corrects it with a reason and reads the correction in its history;
 * then records a 社情民意 item, sees it in the station's 4+X pace, and the county office reports it,
 * adopts it and makes it a topic.
 */
import type { Page } from "@playwright/test";
import {
  choose,
  chooseFirst,
  demoUsers,
  expect,
  expectAccessible,
  isoDate,
  signInAs,
  signOut,
  test,
} from "./fixtures";

const station = "果蔬产业委员工作室（演示）";
const staff = `演示·${station}工作人员`;
const suffix = Date.now().toString(36).slice(-4);
const place = `演示·社区活动室 ${suffix}`;
const opinionTitle = `演示·社情民意 ${suffix}`;
const topicTitle = `演示·农产品冷链 ${suffix}`;

/** Picks `option` of a filter's Select (filters stand outside a form, so `choose` does not find them). */
async function filter(page: Page, label: string, option: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).click();
  await page.locator(".ant-select-dropdown:visible").getByTitle(option, { exact: true }).click();
}

/** The 社情民意 tally (count / target) of the staff's station on the 4+X pace page. */
async function opinionTally(page: Page): Promise<number> {
  await page.getByRole("menuitem", { name: "4+X 进度" }).click();
  const row = page.getByTestId("quota").locator("tbody tr.ant-table-row").first();
  await expect(row).toBeVisible();
  const cell = (await row.locator("td").nth(4).textContent()) ?? "";
  return Number(cell.split("/")[0]?.trim());
}

test("staff log and correct an activity", async ({ page, consoleUrl, consoleWatch }) => {
  await signInAs(page, consoleUrl, staff);
  // A topic of the station's, for the activity to belong to.
  await page.getByRole("menuitem", { name: "议题" }).click();
  await page.getByRole("button", { name: "登记议题" }).click();
  await page.getByLabel("标题", { exact: true }).fill(topicTitle);
  await page.getByLabel("负责人", { exact: true }).fill("演示·负责人");
  // Not a member and no way to reach them: the API's message is about the whole 负责人, shown above the button.
  consoleWatch.expectApiError(400);
  await page.getByRole("button", { name: "提交" }).click();
  await expect(page.getByRole("alert")).toContainText("责任人须为委员，或留有手机号、电子邮箱");
  await page.getByLabel("负责人手机", { exact: true }).fill("13900009902");
  await page.getByRole("button", { name: "提交" }).click();
  await expect(page.getByRole("heading", { name: topicTitle })).toBeVisible();

  await page.getByRole("menuitem", { name: "4+X 活动" }).click();
  await expect(page.getByTestId("activities").getByRole("table")).toBeVisible();
  await expectAccessible(page, "activities");

  await page.getByRole("button", { name: "登记活动" }).click();
  await choose(page, "活动类型", "自选动作");
  await page.getByLabel("活动日期", { exact: true }).fill(isoDate(-1));
  await page.getByLabel("地点", { exact: true }).fill(place);
  await chooseFirst(page, "参加委员");
  await page.getByLabel("联系群众（人次）", { exact: true }).fill("12");
  await page.getByLabel("活动内容", { exact: true }).fill("演示：委员走进社区，听取居民意见。");
  await choose(page, "关联议题", topicTitle);
  await expectAccessible(page, "record an activity");
  consoleWatch.expectApiError(400);
  await page.getByRole("button", { name: "提交" }).click();
  await expect(page.locator("#activity_label_help")).toContainText("自选动作须填写活动名称");
  await page.getByLabel("活动名称（自选动作）", { exact: true }).fill("演示·读书会");
  await page.getByRole("button", { name: "提交" }).click();

  await expect(page.getByTestId("activity")).toContainText("自选动作 · 演示·读书会");
  await expect(page.getByTestId("activity-history")).toContainText("登记");
  await expect(page.getByTestId("activity-members")).not.toHaveText("无");
  // The topic it belongs to is one click away.
  await expect(page.getByTestId("activity-topic")).toHaveText(topicTitle);
  await expectAccessible(page, "an activity");

  await page.getByRole("link", { name: "返回" }).click();
  const row = page.getByTestId("activities").locator("tr.ant-table-row", { hasText: place });
  await expect(row).toBeVisible();
  await row.getByRole("link").click();

  await page.getByRole("button", { name: "更正活动" }).click();
  await choose(page, "活动类型", "走访调研");
  await page.getByLabel("活动名称（自选动作）", { exact: true }).fill("");
  await page.getByLabel("更正理由", { exact: true }).fill("演示：类型登记错了");
  await expectAccessible(page, "correct an activity");
  await page.getByRole("button", { name: "保存更正" }).click();
  await expect(page.getByTestId("activity")).toContainText("走访调研");
  await expect(page.getByTestId("activity-history")).toContainText("演示：类型登记错了");

  await page.getByRole("link", { name: "返回" }).click();
  await filter(page, "按类型筛选", "走访调研");
  const corrected = page.getByTestId("activities").locator("tr.ant-table-row", { hasText: place });
  await expect(corrected).toBeVisible();

  // Deleted with a reason: gone from the list, its page says why.
  await corrected.getByRole("link").click();
  await page.getByLabel("删除理由", { exact: true }).fill("演示：重复登记");
  await page.getByRole("button", { name: "删除活动" }).click();
  await expect(page.getByTestId("activities").getByRole("table")).toBeVisible();
  await expect(page.getByTestId("activities").locator("tr.ant-table-row", { hasText: place })).toHaveCount(0);
});

test("a member reads activities and items without changing them", async ({ page, consoleUrl }) => {
  const member = (await demoUsers(page, consoleUrl)).find((user) => user.role === "member");
  if (!member) throw new Error("the demo data needs a member");
  await signInAs(page, consoleUrl, member.name);
  await page.getByRole("menuitem", { name: "4+X 活动" }).click();
  await expect(page.getByTestId("activities").getByRole("table")).toBeVisible();
  await expect(page.getByRole("button", { name: "登记活动" })).toHaveCount(0);
  await expectAccessible(page, "activities (member)");
  await page.getByRole("menuitem", { name: "社情民意" }).click();
  await expect(page.getByTestId("opinions").getByRole("table")).toBeVisible();
  await expectAccessible(page, "opinions (member)");
});

test("staff record a 社情民意 item; the county office reports, adopts and promotes it", async ({
  page,
  consoleUrl,
  consoleWatch,
}) => {
  await signInAs(page, consoleUrl, staff);
  const before = await opinionTally(page);
  await page.getByRole("menuitem", { name: "社情民意" }).click();
  await expect(page.getByTestId("opinions").getByRole("table")).toBeVisible();
  await expectAccessible(page, "opinions");
  await page.getByRole("button", { name: "登记社情民意" }).click();
  await page.getByLabel("标题", { exact: true }).fill(opinionTitle);
  await page.getByLabel("内容", { exact: true }).fill("演示：居民反映小区路灯夜间不亮。");
  await page.getByLabel("反映人", { exact: true }).fill("演示·居民丙");
  await page.getByLabel("收集日期", { exact: true }).fill(isoDate(-2));
  await choose(page, "类别", "民生实事");
  await expectAccessible(page, "record an item");
  await page.getByRole("button", { name: "提交" }).click();
  await expect(page.getByTestId("opinion")).toContainText("已收集");
  await expect(page.getByTestId("opinion-category")).toHaveText("民生实事");
  expect(await opinionTally(page)).toBe(before + 1);

  await signOut(page);
  await signInAs(page, consoleUrl, "演示·县政协办公室");
  await page.getByRole("menuitem", { name: "社情民意" }).click();
  await filter(page, "选择工作站（室）", station);
  await page.getByTestId("opinions").getByRole("link", { name: opinionTitle }).click();
  await expectAccessible(page, "an item (county office)");
  // Received the day before yesterday, reported yesterday, recorded today: the dates given are kept;
  // a report dated before the item was received is refused with the API's message beside the date.
  consoleWatch.expectApiError(400);
  await page.getByLabel("报送日期", { exact: true }).fill(isoDate(-3));
  await page.getByRole("button", { name: "报送" }).click();
  await expect(page.locator("#opinion-report_reportedOn_help")).toContainText("不能早于收集日期");
  await page.getByLabel("报送日期", { exact: true }).fill(isoDate(-1));
  await page.getByRole("button", { name: "报送" }).click();
  await expect(page.getByTestId("opinion")).toContainText("已报送");
  await expect(page.getByTestId("opinion-history")).toContainText(isoDate(-1));
  await page.getByLabel("采用单位", { exact: true }).fill("县住建局");
  await page.getByRole("button", { name: "登记采用" }).click();
  await expect(page.getByTestId("opinion")).toContainText("已采用");
  await expect(page.getByTestId("opinion-history")).toContainText("县住建局");
  await expectAccessible(page, "an adopted item");
  const itemUrl = page.url();
  await page.getByRole("button", { name: "转为议题" }).click();
  await expect(page).toHaveURL(/\/topics\/\w+/);
  await expect(page.getByRole("heading", { name: opinionTitle })).toBeVisible();
  // Back at the item (loaded afresh): its history names the topic by its title, as a link, and gives
  // each time once.
  await page.goto(itemUrl);
  await page.reload();
  const history = page.getByTestId("opinion-history");
  await expect(history.getByRole("link", { name: `转为议题「${opinionTitle}」` })).toBeVisible();
  expect((await history.textContent()) ?? "").not.toMatch(/\d\d:\d\d\s+\d{4}-\d\d-\d\d \d\d:\d\d/);
});
