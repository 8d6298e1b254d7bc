/**
 * The quota as the API shows it (decision 0022): a station's counts, targets, pace and forecast, its
 * plan beside what was done, and who among its members did nothing this year; for the county, who
 * serves nowhere too.
 */
import { activityLabel, assessQuota, type StationPlan, shortfall } from "../../domain/quota/assessment";
import { type Quarter, quarterEndInstant, quarterlyShare } from "../../domain/quota/check";
import { paceStatusLabels, yearElapsedShare } from "../../domain/quota/pace";
import { throughQuarter } from "../../domain/quota/tally";
import type { Language } from "../../domain/registry/members";
import { localDate, yearOf } from "../../domain/topics/calendar";
import { config } from "../../kernel/config";
import { getMany } from "../../kernel/table/items";
import { memberAttendanceKey } from "../../kernel/table/keys";
import type { Station } from "../../registry/responses";
import { allStationAssignments } from "../../registry/store/assignments";
import { getMembers, listAllMembers } from "../../registry/store/members";
import type { QuotaRow } from "../store/plans";
import { quotaSettings } from "./settings";

export interface QuotaMoment {
  readonly year: number;
  readonly asOf: Date;
  /** A quarter that has ended: what was dated up to its end counts, not what came after. */
  readonly throughQuarter?: Quarter;
}

/**
 * The year asked (default this one), as of the end of `quarter` when given (of the year when it is
 * over), never later than now.
 */
export function quotaMoment(now: Date, year: number | undefined, quarter: number | undefined): QuotaMoment {
  const { timeZone } = config();
  const chosen = year ?? yearOf(localDate(now, timeZone));
  if (quarter === undefined) {
    const end = quarterEndInstant(chosen, 4, timeZone);
    return end < now ? { year: chosen, asOf: end } : { year: chosen, asOf: now };
  }
  // The quarter's end itself: exactly a quarter's share per quarter gone (a millisecond before it
  // would hold a plan of 10 to 9 by rounding down).
  const end = quarterEndInstant(chosen, quarter as Quarter, timeZone);
  if (end >= now) return { year: chosen, asOf: now };
  return { year: chosen, asOf: end, throughQuarter: quarter as Quarter };
}

const pace = (p: {
  count: number;
  target: number;
  expected: number;
  status: keyof typeof paceStatusLabels;
  forecast: number;
  toTarget: number;
  behindPace: number;
}) => p;

export function stationQuotaView(
  station: Station,
  row: QuotaRow | undefined,
  moment: QuotaMoment,
  language: Language,
) {
  const { timeZone } = config();
  const { year, asOf } = moment;
  const share = quarterlyShare(asOf, year, timeZone);
  const whole = row?.tally ?? { stationId: station.id, year, counters: {} };
  const tally = moment.throughQuarter ? throughQuarter(whole, moment.throughQuarter) : whole;
  const settings = quotaSettings(year);
  const assessed = assessQuota(tally, row?.plan, settings, share);
  return {
    stationId: station.id,
    stationName: station.name,
    kind: station.kind,
    zone: station.zone,
    year,
    asOf: asOf.toISOString(),
    yearElapsed: round(yearElapsedShare(asOf, year, timeZone)),
    quarterlyElapsed: round(share),
    targets: settings.targets,
    consultations: pace(assessed.consultations),
    opinions: pace(assessed.opinions),
    status: assessed.status,
    statusLabel: paceStatusLabels[assessed.status][language],
    behindPaceText: shortfall(assessed, language),
    opinionsReported: assessed.opinionsReported,
    opinionsAdopted: assessed.opinionsAdopted,
    activities: assessed.activities.map((line) => ({ ...line, label: activityLabel(line.type, language) })),
    topics: assessed.topics,
    topicsByCategory: assessed.topicsByCategory,
    plan: row?.plan ? planView(row.plan) : null,
  };
}
export type StationQuotaView = ReturnType<typeof stationQuotaView>;

const round = (share: number) => Math.round(share * 10_000) / 10_000;

const planView = (plan: StationPlan & { version: number; updatedAt: string }) => ({
  quarters: plan.quarters,
  version: plan.version,
  updatedAt: plan.updatedAt,
});

/** Members' activities attended in `year`, by id: one BatchGetItem per hundred members. */
async function attendanceOf(memberIds: readonly string[], year: number): Promise<Map<string, number>> {
  const items = await getMany<{ memberId: string; attended?: number }>(
    memberIds.map((id) => memberAttendanceKey(id, year)),
  );
  return new Map(items.map((item) => [item.memberId, item.attended ?? 0]));
}

const person = (member: { id: string; name: string }) => ({ memberId: member.id, name: member.name });

/** A station's members who attended nothing this year. */
export async function stationCoverage(stationId: string, year: number) {
  const ids = (await allStationAssignments(stationId)).map((assignment) => assignment.memberId);
  const attended = await attendanceOf(ids, year);
  const idle = ids.filter((id) => !attended.get(id));
  const members = idle.length ? await getMembers(idle) : [];
  return { members: ids.length, withoutActivity: members.map(person) };
}

/** The county's members who serve nowhere (their station count, kept by assignments) and who attended nothing. */
export async function countyCoverage(year: number) {
  const members = await listAllMembers();
  const attended = await attendanceOf(
    members.map((member) => member.id),
    year,
  );
  return {
    members: members.length,
    servingNowhere: members.filter((member) => member.stationCount === 0).map(person),
    withoutActivity: members.filter((member) => !attended.get(member.id)).map(person),
  };
}
