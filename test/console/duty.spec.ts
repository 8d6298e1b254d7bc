/**
 * 委员值班: a station's staff plans duty shifts (a date before today is refused, in the form), cancels
 * one with a reason, and records today's shift with the visitors received — after which it reads 已值班.
 */
import type { Page } from "@playwright/test";
import { choose, expect, expectAccessible, isoDate, signInAs, test } from "./fixtures";

const station = "青石村委员工作室（演示）";
const member = "演示委员·赵四";

const roster = (page: Page) =>
  page.locator(".ant-card").filter({ has: page.getByRole("heading", { name: "值班安排", exact: true }) });

async function planShift(page: Page, date: string): Promise<void> {
  await roster(page).getByRole("button", { name: "排班" }).click();
  const dialog = page.getByRole("dialog", { name: "排班" });
  await dialog.getByLabel("值班日期").fill(date);
  await choose(page, "值班委员", member);
  await dialog.getByRole("button", { name: "排班" }).click();
}

test("a station plans, cancels and records duty shifts", async ({ page, consoleUrl, consoleWatch }) => {
  await signInAs(page, consoleUrl, `演示·${station}工作人员`);
  await page.getByRole("menuitem", { name: "工作站（室）" }).click();
  await page.getByTestId("stations").getByRole("link", { name: station }).click();
  await expect(roster(page)).toBeVisible();

  consoleWatch.expectApiError(400);
  await planShift(page, isoDate(-1));
  await expect(page.locator("#plan-shift_date_help")).toContainText("值班日期不能早于今天");
  await expectAccessible(page, "plan a shift");
  await page.getByRole("dialog", { name: "排班" }).getByLabel("值班日期").fill(isoDate(1));
  await page.getByRole("dialog", { name: "排班" }).getByRole("button", { name: "排班" }).click();
  const tomorrow = roster(page)
    .getByTestId("duty-shift")
    .filter({ hasText: isoDate(1).replaceAll("-", "/") });
  await expect(tomorrow).toContainText("已排班");

  await tomorrow.getByRole("button", { name: "取消排班" }).click();
  const cancel = page.getByRole("dialog", { name: "取消排班" });
  await cancel.getByLabel("取消原因").fill("委员外出学习");
  await cancel.getByRole("button", { name: "取消排班" }).click();
  await expect(tomorrow).toContainText("已取消");
  await expect(tomorrow).toContainText("委员外出学习");

  await planShift(page, isoDate(0));
  const today = roster(page)
    .getByTestId("duty-shift")
    .filter({ hasText: isoDate(0).replaceAll("-", "/") });
  await today.getByRole("button", { name: "值班登记" }).click();
  const checkIn = page.getByRole("dialog", { name: "值班登记" });
  await checkIn.getByLabel("接待来访（人次）").fill("5");
  await checkIn.getByLabel("值班情况").fill("接待村民反映垃圾清运不及时");
  await expectAccessible(page, "record a shift");
  await checkIn.getByRole("button", { name: "值班登记" }).click();
  await expect(today).toContainText("已值班");
  await expect(today).toContainText("接待来访（人次）：5");
  await expect(today.getByRole("button", { name: "值班登记" })).toHaveCount(0);
  await expectAccessible(page, "station with its duty roster");
});
