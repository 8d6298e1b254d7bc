/**
 * 量化考评 in the console (decision 0027): the county office ranks every station and member, opens a
 * line's breakdown and exports the CSV; a station's staff sees their own station, with its county rank.
 */
import { demoUsers, expect, expectAccessible, signInAs, test } from "./fixtures";

test("the county office ranks stations and members, with each score's breakdown", async ({
  page,
  consoleUrl,
}) => {
  await signInAs(page, consoleUrl, "演示·县政协办公室");
  await page.getByRole("menuitem", { name: "量化考评" }).click();
  const evaluations = page.getByTestId("evaluations");
  const rows = evaluations
    .locator("tbody tr.ant-table-row")
    .filter({ hasNot: page.getByTestId("evaluation-breakdown") });
  await expect(rows.nth(1)).toBeVisible();
  await expect(evaluations.getByRole("columnheader", { name: "排名" })).toBeVisible();
  await expect(rows.first().locator("td").nth(1)).toHaveText("1");
  await rows.first().getByRole("button").first().click();
  const breakdown = evaluations.getByTestId("evaluation-breakdown").first();
  await expect(breakdown).toContainText("协商议事活动");
  await expect(breakdown).toContainText("“六有”标准");
  await expectAccessible(page, "evaluations (admin)");

  const download = page.waitForEvent("download");
  await evaluations.getByRole("button", { name: /导出/ }).click();
  expect((await download).suggestedFilename()).toMatch(/^evaluations-station-\d{4}\.csv$/);

  await evaluations.getByText("委员考评").click();
  await expect(evaluations.getByRole("columnheader", { name: "界别" })).toBeVisible();
  await expect(evaluations.locator("tbody tr.ant-table-row").first()).toBeVisible();
});

test("a station's staff sees their station with its county rank", async ({ page, consoleUrl }) => {
  const staff = (await demoUsers(page, consoleUrl)).find((user) => user.role === "staff");
  if (!staff) throw new Error("the demo data needs a station's staff");
  await signInAs(page, consoleUrl, staff.name);
  await page.getByRole("menuitem", { name: "量化考评" }).click();
  const evaluations = page.getByTestId("evaluations");
  await expect(evaluations.locator("tbody tr.ant-table-row")).toHaveCount(1);
  await expect(evaluations).toContainText("排名为全县排名");
});
