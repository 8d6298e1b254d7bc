import { describe, expect, it } from "vitest";
import { fitSms, renderSms, segmentCapacity, smsSignature } from "../../../functions/notices/sms-text";
import { render } from "../../../functions/notices/templates";
import { allTemplates } from "../../../functions/notices/templates/all";
import { topicClosed, topicRejected } from "../../../functions/notices/templates/outcome-notices";
import { smsVariables, templateIds } from "../../../functions/notices/templates/sms";
import { reminderBefore, reminderDue, stepStarted } from "../../../functions/notices/templates/step-notices";

const signature = "【某某县政协】";
const chars = (text: string) => [...text].length;

/** Long values for every variable any template uses. */
const long = {
  recipientName: "欧阳建国",
  title: "关于城东片区老旧小区加装电梯资金分摊及后续维护管理机制的协商议题",
  stepName: "开展调研",
  deadline: "2026-12-15 17:30",
  responsibleName: "司马经办人",
  stationName: "城关镇人民路社区政协委员工作室",
  reason: "该事项属于信访程序处理范围，已转交县信访局依法办理，请耐心等待其答复",
  outcome: "县住建局已将加装电梯纳入明年民生实事，财政补助每台二十万元，明年三月开工",
  year: "2027",
  inviterName: "县政协办公室",
  expiresAt: "2026-12-16 23:59",
  date: "2026-12-02",
  count: "12",
  why: "因超出每日短信上限未逐条发送",
  items: "· 办理提醒：议题「关于城东片区老旧小区加装电梯」",
  // the duty roster (issue #12)
  memberName: "欧阳志远",
  note: "附言：请于周五上午九点到社区活动中心参加关于加装电梯的座谈会，并带上前期走访材料。",
  // The quarterly quota check (decision 0022).
  checkName: "2027年第二季度",
  missing: "协商议事2次、社情民意5条",
  consultationTarget: "4",
  opinionTarget: "10",
  met: "1200",
  onPace: "1200",
  behind: "1200",
  atRisk: "1200",
  closed: "2026年度已结：2400个站室中1200个未完成全年任务。",
};

describe("SMS texts", () => {
  it.each(allTemplates.map((template) => [template.id, template] as const))(
    "%s: one segment with the signature, in Chinese and in English",
    (_id, template) => {
      for (const language of ["zh-CN", "en"] as const) {
        const text = renderSms(template, language, long, signature).text;
        expect(chars(signature) + chars(text), `${language}: ${text}`).toBeLessThanOrEqual(
          segmentCapacity(signature + text),
        );
        expect(text, language).not.toMatch(/\{\w+\}/);
        expect(text, language).toContain(long.recipientName);
      }
    },
  );

  it("short values are left whole", () => {
    const text = renderSms(stepStarted, "zh-CN", { ...long, title: "路灯不亮" }, signature).text;
    expect(text).toBe("欧阳建国：议题「路灯不亮」进入开展调研环节，由您负责，请于2026-12-15 17:30前完成。");
  });

  it("a long title is shortened with …, keeping its start", () => {
    const text = renderSms(reminderBefore, "zh-CN", long, signature).text;
    expect(text).toMatch(/议题「关于城东片区.*…」/);
    expect(text).toContain("2026-12-15 17:30到期");
  });

  it("the reminder at the notify hour of the deadline's day says it is due today, not overdue", () => {
    const variables = { ...long, title: "路灯不亮", stepName: "确定议题", deadline: "2026-12-11 23:59" };
    const sms = renderSms(reminderDue, "zh-CN", variables, signature).text;
    expect(sms).toBe("欧阳建国：议题「路灯不亮」确定议题环节今日到期（2026-12-11 23:59），请尽快完成。");
    const mail = render(reminderDue, "zh-CN", variables);
    expect(mail.subject).toBe("今日到期：议题「路灯不亮」");
    expect(mail.text).toContain("今日到期（期限 2026-12-11 23:59）");
    for (const text of [sms, mail.text]) expect(text).not.toContain("已到");
  });

  it("says why a topic was declined and what came of a closed one", () => {
    expect(renderSms(topicRejected, "zh-CN", { ...long, title: "广场舞扰民" }, signature).text).toContain(
      "原因：该事项属于信访程序",
    );
    // The term the console, the timeline and the exports use.
    expect(renderSms(topicRejected, "zh-CN", { ...long, title: "广场舞扰民" }, signature).text).toContain(
      "不予采纳",
    );
    expect(renderSms(topicClosed, "zh-CN", { ...long, title: "广场舞扰民" }, signature).text).toContain(
      "结果：县住建局已将加装电梯",
    );
  });

  it("an all-ASCII text may use the 160 characters of a GSM-7 segment", () => {
    expect(segmentCapacity("Hello")).toBe(160);
    expect(segmentCapacity("【县政协】Hello")).toBe(70);
    const text = fitSms(
      "{recipientName}: {title}",
      { recipientName: "Li", title: "x".repeat(300) },
      "[County]",
    );
    expect(chars(text) + chars("[County]")).toBeLessThanOrEqual(160);
  });

  it("the e-mail and inbox texts stay whole", () => {
    const { text } = render(topicClosed, "zh-CN", long);
    expect(text).toContain(long.outcome);
    expect(text).toContain(long.title);
  });
});

describe("the signature", () => {
  it("is shown in 【】 whether or not the setting has them", () => {
    expect(smsSignature({ SMS_SIGNATURE: "某县政协" })).toBe("【某县政协】");
    expect(smsSignature({ SMS_SIGNATURE: "【某县政协】" })).toBe("【某县政协】");
  });
});

describe("the senders' list of SMS variables (templates/sms.ts)", () => {
  it("names every template, in the templates' order", () => {
    expect(templateIds).toEqual(allTemplates.map((template) => template.id));
  });

  it("names the variables of each template's SMS, as they first appear in Chinese then English", () => {
    const variablesIn = (pattern: string) => [...pattern.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? "");
    for (const template of allTemplates) {
      const used = [...new Set([...variablesIn(template.sms["zh-CN"]), ...variablesIn(template.sms.en)])];
      expect(smsVariables[template.id], template.id).toEqual(used);
    }
  });
});
