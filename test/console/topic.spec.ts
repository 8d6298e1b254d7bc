/**
 * A station's staff registers a topic and carries it through the six steps with their evidence,
 * returns it once, extends a deadline, and reads the timeline. A screenshot of the topic for the README.
 */
import { choose, chooseFirst, expect, expectAccessible, isoDate, signInAs, test } from "./fixtures";

const staff = "演示·东山片区委员工作站工作人员";
const title = `演示·测试议题 ${Date.now().toString(36).slice(-4)}`;

test("staff carry a topic through the six steps", async ({ page, consoleUrl, consoleWatch }) => {
  await signInAs(page, consoleUrl, staff);
  await expect(page.getByTestId("my-topics")).toBeVisible();
  // The 4+X pace of the staff's own station, on the home page.
  const pace = page.getByTestId("my-stations-pace").locator("tr.ant-table-row");
  await expect(pace).toHaveCount(1);
  await expect(pace).toContainText("东山");
  await expectAccessible(page, "home (staff)");

  await page.getByRole("menuitem", { name: "六步看板" }).click();
  await expect(page.getByTestId("board-collect")).toBeVisible();
  await expectAccessible(page, "six-step board");

  await page.getByRole("menuitem", { name: "议题" }).click();
  await expect(page.getByTestId("topics").getByRole("table")).toBeVisible();
  await expectAccessible(page, "topics");
  await page.getByRole("button", { name: "登记议题" }).click();
  await page.getByLabel("标题", { exact: true }).fill(title);
  await page.getByLabel("说明", { exact: true }).fill("演示：居民反映小区门口早晚高峰拥堵。");
  await page.getByLabel("负责人", { exact: true }).fill("演示·负责人");
  await page.getByLabel("负责人手机", { exact: true }).fill("123");
  await choose(page, "类别", "民生实事");
  await expectAccessible(page, "register a topic");
  consoleWatch.expectApiError(400);
  await page.getByRole("button", { name: "提交" }).click();
  await expect(page.locator("#topic_responsible_phone_help")).toContainText(/手机/);
  await page.getByLabel("负责人手机", { exact: true }).fill("13900009901");
  await page.getByRole("button", { name: "提交" }).click();
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
  await expect(page.getByTestId("category")).toHaveText("民生实事");
  // Filed under the wrong category: changed on its page.
  await page.getByRole("tab", { name: "修改类别" }).click();
  await choose(page, "类别", "社会治理难事");
  await page.getByRole("button", { name: "修改类别" }).click();
  await expect(page.getByTestId("category")).toHaveText("社会治理难事");
  // It is on my home page now, in its first step.
  await page.getByRole("menuitem", { name: "工作台" }).click();
  const mine = page.getByTestId("my-topics").locator("tr.ant-table-row", { hasText: title });
  await expect(mine).toContainText("1. 收集议题");
  await mine.getByRole("link", { name: title }).click();
  await expect(page.getByRole("heading", { name: title })).toBeVisible();

  const step = page.locator(".ant-descriptions").getByText(/^\d\. /);
  const complete = page.getByRole("button", { name: "完成本步骤" });

  // 1 收集议题: who raised it, each with their contact apart from the name. A number typed into
  // the name is refused beside that name, so that it is never stored, shown or sent as a name.
  await page.getByLabel("情况摘要", { exact: true }).fill("演示：二十余位居民联名反映。");
  const raiserNames = page.getByLabel("提出人", { exact: true });
  const raiserContacts = page.getByLabel("联系方式", { exact: true });
  await raiserNames.first().fill("演示·居民甲 13900000002");
  consoleWatch.expectApiError(400);
  await complete.click();
  await expect(page.locator("#complete-collect_raisedBy_0_name_help")).toContainText("联系方式");
  await raiserNames.first().fill("演示·居民甲");
  await raiserContacts.first().fill("13900000002");
  await page.getByRole("button", { name: "添加提出人" }).click();
  await raiserNames.nth(1).fill("演示·居民乙");
  await expectAccessible(page, "topic (collect)");
  await complete.click();
  await expect(step).toHaveText("2. 确定议题");
  await expect(page.getByTestId("evidence")).toContainText("联系方式：13900000002");

  // 2 确定议题
  await expect(page.getByTestId("deadline")).toContainText(/剩余 \d+ 个工作日|今天到期/);
  await choose(page, "协商形式", "协商议事会");
  await page.getByLabel("理由", { exact: true }).fill("涉及面广，适合会议协商。");
  await complete.click();
  await expect(step).toHaveText("3. 深入调研");

  // 3 深入调研, then returned to it once from 开展协商
  const research = async (findings: string) => {
    await page.getByLabel("地点", { exact: true }).fill("演示·小区门口");
    await chooseFirst(page, "参加委员");
    await page.getByLabel("调研结论", { exact: true }).fill(findings);
    await complete.click();
    await expect(step).toHaveText("4. 开展协商");
  };
  await research("早晚高峰车辆乱停。");
  await page.getByRole("tab", { name: "退回" }).click();
  await page.getByLabel("理由", { exact: true }).fill("调研不足，需补充走访商户。");
  await page.getByRole("button", { name: "退回" }).click();
  await expect(step).toHaveText("3. 深入调研");
  await research("早晚高峰车辆乱停；商户愿意错峰卸货。");

  // Extend 开展协商's deadline
  await page.getByRole("tab", { name: "延长期限" }).click();
  const newDeadline = isoDate(40);
  await page.getByLabel("新期限", { exact: true }).fill(newDeadline);
  await page.getByLabel("理由", { exact: true }).fill("等待交警部门参会。");
  await page.getByRole("button", { name: "延长期限" }).click();
  await expect(page.getByTestId("deadline")).toContainText(newDeadline.replaceAll("-", "/"));

  // 4 开展协商
  await page.getByRole("tab", { name: "完成本步骤" }).click();
  await page.getByLabel("地点", { exact: true }).fill("演示·社区议事厅");
  await chooseFirst(page, "参加委员");
  await page.getByLabel("参加部门（每行一个）", { exact: true }).fill("演示·交警中队\n演示·街道城管科");
  await page.getByLabel("参加群众人数", { exact: true }).fill("12");
  await page.getByLabel("协商共识", { exact: true }).fill("设置错峰卸货区，增设临时停车泊位。");
  await complete.click();
  await expect(step).toHaveText("5. 成果报送");

  // 5 成果报送
  await page.getByLabel("报送内容", { exact: true }).fill("协商共识报县委、县政府。");
  await page.getByLabel("报送单位（每行一个）", { exact: true }).fill("演示·县政府办公室");
  await complete.click();
  await expect(step).toHaveText("6. 办理反馈");

  // 6 办理反馈
  await page.getByLabel("答复部门", { exact: true }).fill("演示·县交警大队");
  await page.getByLabel("答复内容", { exact: true }).fill("已施划临时泊位。");
  await choose(page, "反馈方式", "走访");
  await page.getByLabel("反馈内容", { exact: true }).fill("已向联名居民反馈。");
  await complete.click();
  await expect(page.locator(".ant-descriptions").getByText("已完成")).toBeVisible();

  const timeline = page.getByTestId("timeline").locator(".ant-timeline-item");
  await expect(timeline).not.toHaveCount(0);
  expect(await timeline.count()).toBeGreaterThanOrEqual(8);
  await expect(page.getByTestId("timeline")).toContainText("调研不足，需补充走访商户。");
  // The evidence reads in Chinese, the API's enum values included.
  const evidence = page.getByTestId("evidence");
  await expect(evidence).toContainText("决定：同意立项");
  await expect(evidence).toContainText("协商形式：协商议事会");
  await expect(evidence).toContainText("方式：走访");
  await expect(evidence).not.toContainText(/adopted|meeting|visit/);
  // The resident who left a number is told it closed, by SMS; the one who left none is not reachable.
  await expect(async () => {
    await page.reload();
    const told = page.getByRole("listitem").filter({ hasText: "演示·居民甲 · 议题已办结" });
    await expect(told).toContainText("短信", { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expectAccessible(page, "topic (closed)");
  await page.screenshot({ path: "docs/screenshots/topic.png", fullPage: true });
});
