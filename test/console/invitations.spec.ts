/**
 * 委员下沉 by invitation: a station's staff asks for members suited to a topic, invites the first one
 * suggested with a note, is told when the same member is invited twice, withdraws another invitation;
 * the member answers on their home page, and then serves at the station.
 */
import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { choose, expect, expectAccessible, signInAs, signOut, test } from "./fixtures";

const station = "青石村委员工作室（演示）";
const staff = `演示·${station}工作人员`;
const zhang = "演示委员·张一";

const card = (page: Page, heading: string) =>
  page.locator(".ant-card").filter({ has: page.getByRole("heading", { name: heading, exact: true }) });

async function openMyStation(page: Page): Promise<void> {
  await page.getByRole("menuitem", { name: "工作站（室）" }).click();
  await page.getByTestId("stations").getByRole("link", { name: station }).click();
  await expect(page.getByRole("heading", { name: station })).toBeVisible();
}

test("a station invites a suggested member, who accepts", async ({ page, consoleUrl, consoleWatch }) => {
  await signInAs(page, consoleUrl, staff);
  await openMyStation(page);

  // Members ranked for what the topic is about, each with the reasons.
  const suggestions = card(page, "推荐委员");
  await suggestions.getByLabel("或输入议题内容").fill("乡村治理和基层党建");
  await suggestions.getByRole("button", { name: "推荐" }).click();
  const first = suggestions.locator(".ant-list-item").first();
  await expect(first).toContainText(zhang);
  await expect(first).toContainText("专长“乡村治理”与议题相关");
  await expectAccessible(page, "station with suggestions");

  await first.getByRole("button", { name: `邀请委员 ${zhang}` }).click();
  const dialog = page.getByRole("dialog", { name: `邀请委员 · ${zhang}` });
  await dialog.getByLabel("附言").fill("请来青石村听听村民对垃圾分类的意见");
  await expectAccessible(page, "invitation form");
  await dialog.getByRole("button", { name: "发送邀请" }).click();
  await expect(dialog).toBeHidden();
  const invitations = card(page, "邀请");
  const invited = invitations.locator(".ant-list-item").filter({ hasText: zhang });
  await expect(invited).toContainText("待答复");
  await expect(invited).toContainText("请来青石村听听村民对垃圾分类的意见");

  // Invited twice: the API's message, in the form; nothing sent again.
  consoleWatch.expectApiError(409);
  await first.getByRole("button", { name: `邀请委员 ${zhang}` }).click();
  await dialog.getByRole("button", { name: "发送邀请" }).click();
  await expect(dialog.getByRole("alert")).toContainText("邀请");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(invitations.locator(".ant-list-item").filter({ hasText: zhang })).toHaveCount(1);

  // Any member, from the roster; then withdrawn.
  await invitations.getByRole("button", { name: "邀请委员" }).click();
  const anyone = page.getByRole("dialog", { name: "邀请委员", exact: true });
  await choose(page, "姓名", "演示委员·王二 · 农业界");
  await anyone.getByRole("button", { name: "发送邀请" }).click();
  await expect(anyone).toBeHidden();
  const second = invitations.locator(".ant-list-item").filter({ hasText: "演示委员·王二" });
  await second.getByRole("button", { name: "撤回" }).click();
  await page.locator(".ant-popconfirm").getByRole("button", { name: "撤回" }).click();
  await expect(second).toContainText("已撤回");

  // The member answers on their home page.
  await signOut(page);
  await signInAs(page, consoleUrl, zhang);
  const mine = card(page, "邀请").locator(".ant-list-item").filter({ hasText: station });
  await expect(mine).toContainText("待答复");
  await expect(mine).toContainText("请来青石村听听村民对垃圾分类的意见");
  await expectAccessible(page, "home (member with an invitation)");
  await mine.getByRole("button", { name: "接受" }).click();
  await expect(mine).toContainText("已接受");
  await expect(mine.getByRole("button", { name: "接受" })).toHaveCount(0);

  // And serves at the station.
  await signOut(page);
  await signInAs(page, consoleUrl, staff);
  await openMyStation(page);
  await expect(card(page, "在站委员")).toContainText(zhang);
  await expect(invited).toContainText("已接受");

  // The station's invitations as a spreadsheet, in Chinese, for Excel.
  const downloading = page.waitForEvent("download");
  await card(page, "邀请").getByRole("button", { name: "导出 CSV 邀请" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("station-invitations.csv");
  const text = await readFile(await download.path(), "utf8");
  expect(text.startsWith("\uFEFF")).toBe(true);
  expect(text).toContain(zhang);
  expect(text).toContain("已接受");
});

test("a member invited to one topic of another station accepts, and reads it", async ({
  page,
  consoleUrl,
}) => {
  const zone = "工业园区片区委员工作站";
  const topic = "园区企业用工难、留人难（演示）";
  await signInAs(page, consoleUrl, `演示·${zone}工作人员`);
  await page.getByRole("menuitem", { name: "工作站（室）" }).click();
  await page.getByTestId("stations").getByRole("link", { name: zone }).click();
  await expect(page.getByRole("heading", { name: zone })).toBeVisible();
  const invitations = card(page, "邀请");
  await invitations.getByRole("button", { name: "邀请委员" }).click();
  const dialog = page.getByRole("dialog", { name: "邀请委员", exact: true });
  await choose(page, "姓名", `${zhang} · 中共`);
  await dialog.getByRole("radio", { name: "议题活动" }).check();
  await choose(page, "议题", topic);
  await dialog.getByRole("button", { name: "发送邀请" }).click();
  await expect(dialog).toBeHidden();
  await expect(invitations.locator(".ant-list-item").filter({ hasText: zhang })).toContainText(
    `议题活动：${topic}`,
  );

  // The member is told which topic, and once they accept, it is among theirs and opens.
  await signOut(page);
  await signInAs(page, consoleUrl, zhang);
  const myTopics = page.getByTestId("my-topics");
  await expect(myTopics.locator("tr.ant-table-row").first()).toBeVisible();
  await expect(myTopics).not.toContainText(topic);
  const invited = card(page, "邀请").locator(".ant-list-item").filter({ hasText: zone });
  await expect(invited).toContainText(`议题活动：${topic}`);
  await expect(invited).toContainText("待答复");
  await invited.getByRole("button", { name: "接受" }).click();
  await expect(invited).toContainText("已接受");
  const row = myTopics.locator("tr.ant-table-row").filter({ hasText: topic });
  await expect(row).toContainText(zone);
  await expectAccessible(page, "home (member who took part in a topic)");
  await invited.getByRole("link", { name: topic }).click();
  await expect(page.getByRole("heading", { name: topic })).toBeVisible();
  await expect(page.getByTestId("timeline")).toBeVisible();
});
