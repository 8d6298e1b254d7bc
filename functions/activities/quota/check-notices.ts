/**
 * The check's notices (decision 0022), each keyed by the check, the year, the station and the
 * recipient, so that a check run again (a scheduled retry, the county office twice) tells no one twice.
 */
import type { QuotaAssessment } from "../../domain/quota/assessment";
import { shortfall } from "../../domain/quota/assessment";
import type { CheckPeriod, Quarter } from "../../domain/quota/check";
import type { PaceStatus } from "../../domain/quota/pace";
import type { Language } from "../../domain/registry/members";
import { config } from "../../kernel/config";
import type { Notifier } from "../../notices/notifier";
import type { NoticeTemplate } from "../../notices/templates";
import { quotaAtRisk, quotaBehind, quotaSummary } from "../../notices/templates/quota-notices";
import type { Station } from "../../registry/responses";
import { type Addressee, countyOfficeAddressees, type Directory } from "../../topics/recipients";
import type { YearSummary } from "../store/quota-checks";

export interface QuotaCheckServices {
  readonly notifier: Notifier;
  readonly now: () => Date;
}

/** A station behind or at risk, named in the county office's summary. */
export interface Attention {
  readonly stationName: string;
  readonly year: number;
  readonly status: PaceStatus;
  readonly closing: boolean;
}

const quarterNames = ["一", "二", "三", "四"] as const;

/** "2027年第二季度" / "Q2 2027". */
export const checkName = (year: number, quarter: Quarter, language: Language) =>
  language === "zh-CN" ? `${year}年第${quarterNames[quarter - 1]}季度` : `Q${quarter} ${year}`;

const languageOf = (addressee: Addressee): Language =>
  addressee.recipient.language ?? config().defaultLanguage;

interface StationNoticeRun {
  readonly period: CheckPeriod;
  readonly services: QuotaCheckServices;
}

async function send(
  run: StationNoticeRun,
  station: Station,
  assessment: QuotaAssessment,
  addressee: Addressee,
  template: NoticeTemplate,
): Promise<boolean> {
  const language = languageOf(addressee);
  const { sent } = await run.services.notifier.send({
    ...addressee,
    template,
    idempotencyKey: `quota:${run.period.checkId}:${assessment.year}:${station.id}:${addressee.recipient.id}`,
    variables: {
      recipientName: addressee.recipient.name,
      stationName: station.name,
      checkName: checkName(run.period.year, run.period.quarter, language),
      year: String(assessment.year),
      missing: shortfall(assessment, language),
      consultationTarget: String(assessment.consultations.target),
      opinionTarget: String(assessment.opinions.target),
    },
  });
  return sent;
}

/** Tells a station's people (and, at risk, its liaison rung); answers how many notices were recorded now, and who was told. */
export async function sendStationNotices(
  run: StationNoticeRun,
  station: Station,
  assessment: QuotaAssessment,
  addressees: { behind: readonly Addressee[]; atRisk: readonly Addressee[] },
): Promise<{ recorded: number; told: string[] }> {
  let recorded = 0;
  const told: string[] = [];
  const all = [
    ...addressees.behind.map((addressee) => ({ addressee, template: quotaBehind as NoticeTemplate })),
    ...addressees.atRisk.map((addressee) => ({ addressee, template: quotaAtRisk as NoticeTemplate })),
  ];
  for (const { addressee, template } of all) {
    if (await send(run, station, assessment, addressee, template)) recorded++;
    told.push(addressee.recipient.name);
  }
  return { recorded, told };
}

const statusWords: Record<Language, Record<PaceStatus, string>> = {
  "zh-CN": { met: "已完成", on_pace: "进度正常", behind: "进度滞后", at_risk: "难以完成" },
  en: { met: "met", on_pace: "on pace", behind: "behind", at_risk: "at risk" },
};
/** Stations named in the summary; the rest are counted ("…等N个"), and listed in GET /quota-checks/{checkId}. */
const namedInSummary = 30;

function closedLine(summaries: readonly YearSummary[], language: Language): string {
  const closed = summaries.find((summary) => summary.closing);
  if (!closed) return "";
  const short = closed.byStatus.at_risk + closed.byStatus.behind;
  return language === "zh-CN"
    ? `${closed.year}年度已结：${closed.stations}个站室中${closed.byStatus.met}个完成全年任务，${short}个未完成。`
    : `${closed.year} is closed: ${closed.byStatus.met} of ${closed.stations} met the year's targets, ${short} did not.`;
}

function attentionLines(attention: readonly Attention[], language: Language): string {
  const lines = attention
    .slice(0, namedInSummary)
    .map((item) => `· ${item.stationName}（${item.year}）：${statusWords[language][item.status]}`);
  const rest = attention.length - namedInSummary;
  if (rest > 0) lines.push(language === "zh-CN" ? `……等另外${rest}个` : `… and ${rest} more`);
  return lines.join("\n");
}

/** The county office's one summary of the check (its inbox and each county-office contact, once each). */
export async function tellCountyOffice(
  services: QuotaCheckServices,
  period: CheckPeriod,
  summaries: readonly YearSummary[],
  attention: readonly Attention[],
  directory: Directory,
): Promise<number> {
  const current = summaries.find((summary) => !summary.closing) ?? summaries[0];
  const count = (status: PaceStatus) => String(current?.byStatus[status] ?? 0);
  let recorded = 0;
  for (const addressee of await countyOfficeAddressees(directory)) {
    const language = languageOf(addressee);
    const { sent } = await services.notifier.send({
      ...addressee,
      template: quotaSummary,
      idempotencyKey: `quota:${period.checkId}:summary:${addressee.recipient.id}`,
      variables: {
        recipientName: addressee.recipient.name,
        checkName: checkName(period.year, period.quarter, language),
        count: String(current?.stations ?? 0),
        met: count("met"),
        onPace: count("on_pace"),
        behind: count("behind"),
        atRisk: count("at_risk"),
        closed: closedLine(summaries, language),
        items: attentionLines(attention, language),
      },
    });
    if (sent) recorded++;
  }
  return recorded;
}
