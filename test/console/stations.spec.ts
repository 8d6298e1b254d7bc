/**
 * A station's staff sees their own station, not another's; the county office sees every open topic,
 * the delivery log and the 4+X pace (and the home page's screenshot for the README).
 */
import { demoUsers, expect, expectAccessible, signInAs, test } from "./fixtures";

test("a station's staff cannot see another station", async ({ page, consoleUrl, consoleWatch }) => {
  const staff = (await demoUsers(page, consoleUrl)).filter((user) => user.role === "staff");
  const [mine, other] = staff;
  if (!mine || !other) throw new Error("the demo data needs two stations");
  await signInAs(page, consoleUrl, mine.name);

  await page.getByRole("menuitem", { name: "工作站（室）" }).click();
  const rows = page.getByTestId("stations").locator("tbody tr.ant-table-row");
  await expect(rows).toHaveCount(1);
  await rows.first().getByRole("link").click();
  await expect(page.getByTestId("standards")).toBeVisible();
  await expectAccessible(page, "station (staff)");

  consoleWatch.expectApiError(404);
  await page.goto(`${consoleUrl}#/stations/${other.id.replace("staff:", "")}`);
  await expect(page.getByRole("alert")).toContainText("工作站");
  await expect(page.getByRole("menuitem", { name: "通知记录" })).toHaveCount(0);

  await page.getByRole("menuitem", { name: "4+X 进度" }).click();
  await expect(page.getByTestId("quota").locator("tbody tr.ant-table-row")).toHaveCount(1);
  await expectAccessible(page, "quota (staff)");
});

test("the county office reads the delivery log and every station's pace", async ({ page, consoleUrl }) => {
  await signInAs(page, consoleUrl, "演示·县政协办公室");
  await expect(page.getByTestId("failed-notices")).toBeVisible();
  await expect(page.getByTestId("my-topics").locator("tr.ant-table-row").first()).toBeVisible();
  await page.screenshot({ path: "docs/screenshots/home.png" });
  await page.getByRole("menuitem", { name: "通知记录" }).click();
  await expect(page.getByTestId("notifications").getByRole("table")).toBeVisible();
  await expectAccessible(page, "delivery log");
  await page.getByRole("menuitem", { name: "4+X 进度" }).click();
  await expect(page.getByTestId("quota").locator("tbody tr.ant-table-row").nth(1)).toBeVisible();
  // Each station's activities this year by kind (the demo data logs some), beside the quota.
  await expect(page.getByTestId("quota").getByRole("columnheader", { name: "4+X 活动" })).toBeVisible();
  await expect(
    page
      .getByTestId("quota")
      .locator("tbody td")
      .filter({ hasText: /(协商议事|委员值班|来访接待|走访调研|学习|为民服务|团结联谊|自选动作) \d+/ })
      .first(),
  ).toBeVisible();
  // The quarter's check, asked for now: it runs in the background and the page follows it to the end.
  await page.getByRole("button", { name: "立即检查本季度" }).click();
  const asked = page.getByTestId("quota-check").filter({ hasText: "手动" }).first();
  await expect(asked).toContainText("已通知", { timeout: 60_000 });
  await expect(asked).not.toContainText("检查中");
  await expect(asked).toContainText("进度正常");
  // Asked again (after recording more, say): it runs again, and the page says so each time.
  const started = page.getByRole("status").filter({ hasText: "已开始检查" });
  const runs = Number((await started.textContent())?.match(/第 (\d+) 次/)?.[1]);
  await page.getByRole("button", { name: "立即检查本季度" }).click();
  await expect(started).toContainText(`第 ${runs + 1} 次`);
  await expect(asked).not.toContainText("检查中", { timeout: 60_000 });
  // The button stays loading while any check of the list runs (its spinner never stops, so the
  // settled-page wait does not cover it): every check done first, then the button at rest.
  await expect(page.getByTestId("quota-check").filter({ hasText: "检查中" })).toHaveCount(0, {
    timeout: 60_000,
  });
  await expect(page.getByRole("button", { name: "立即检查本季度" })).not.toHaveClass(/ant-btn-loading/);
  await expectAccessible(page, "quota (admin)");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("menuitem", { name: "Delivery log" })).toBeVisible();
  await page.getByRole("button", { name: "中文" }).click();
});
