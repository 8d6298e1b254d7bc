/**
 * 社情民意信息 (public-opinion items): collected from a resident or a member, reported upward (报送),
 * then adopted (采用) by the body it went to, or not. Pure rules: which transition is allowed from
 * which status, and what each one counts in the station's yearly tally (decision 0020).
 */
import type { FieldProblem } from "../errors";
import type { Language } from "../registry/members";
import { countedOn, type TallyDelta } from "./tally";

export const opinionStatuses = ["received", "reported", "adopted", "not_adopted"] as const;
export type OpinionStatus = (typeof opinionStatuses)[number];

export const opinionStatusNames: Readonly<Record<OpinionStatus, Readonly<Record<Language, string>>>> = {
  received: { "zh-CN": "已收集", en: "Received" },
  reported: { "zh-CN": "已报送", en: "Reported upward" },
  adopted: { "zh-CN": "已采用", en: "Adopted" },
  not_adopted: { "zh-CN": "未采用", en: "Not adopted" },
};

/** Who raised it: a resident (群众反映) or a member (委员提交). */
export const opinionSources = ["resident", "member"] as const;
export type OpinionSource = (typeof opinionSources)[number];

export const opinionSourceNames: Readonly<Record<OpinionSource, Readonly<Record<Language, string>>>> = {
  resident: { "zh-CN": "群众反映", en: "A resident" },
  member: { "zh-CN": "委员提交", en: "A member" },
};

export const opinionActions = ["report", "adopt", "decline"] as const;
export type OpinionAction = (typeof opinionActions)[number];

export const opinionActionNames: Readonly<Record<OpinionAction, Readonly<Record<Language, string>>>> = {
  report: { "zh-CN": "报送", en: "report upward" },
  adopt: { "zh-CN": "登记采用", en: "record as adopted" },
  decline: { "zh-CN": "登记未采用", en: "record as not adopted" },
};

const transitions: Readonly<Record<OpinionAction, { from: OpinionStatus; to: OpinionStatus }>> = {
  report: { from: "received", to: "reported" },
  adopt: { from: "reported", to: "adopted" },
  decline: { from: "reported", to: "not_adopted" },
};

/** The status an action leads to, or undefined when the item's status does not allow it. */
export function nextOpinionStatus(current: OpinionStatus, action: OpinionAction): OpinionStatus | undefined {
  const transition = transitions[action];
  return transition.from === current ? transition.to : undefined;
}

/**
 * What a transition counts: reported and adopted items each have their counter; a decline none. Like
 * the year, the quarter is the item's (`receivedOn`): a quarter's reported and adopted counts are of
 * the items collected in it.
 */
export function opinionTransitionDelta(action: OpinionAction, receivedOn: string): TallyDelta {
  if (action === "report") return countedOn(receivedOn, { opinions_reported: 1 });
  if (action === "adopt") return countedOn(receivedOn, { opinions_adopted: 1 });
  return {};
}

/** A new item counts once among the opinions collected, in the year and quarter it was received. */
export const opinionCollectedDelta = (receivedOn: string): TallyDelta =>
  countedOn(receivedOn, { opinions: 1 });

/**
 * The tally year of an item: the year it was received (YYYY-MM-DD), for its later transitions too —
 * so that a year's reported and adopted counts are of the items collected that year.
 */
export const opinionYear = (receivedOn: string): number => Number(receivedOn.slice(0, 4));

/** What the submission says about who raised the item (the fields checked together). */
export interface OpinionSubmission {
  readonly source: OpinionSource;
  readonly submitter?: { readonly name: string } | undefined;
  readonly memberId?: string | undefined;
  readonly receivedOn?: string | undefined;
}

type Problem = FieldProblem;

const problem = (field: string, code: string): Problem => ({ field, code, message: code });

/**
 * The checks across fields: a resident's item names the resident (contacts optional) and no member;
 * a member's item names the member — a member user submits only in their own name (`ownMemberId`) —
 * and no resident; nothing is received after `today` (the county's date).
 */
export function submissionProblems(
  input: OpinionSubmission,
  ownMemberId: string | undefined,
  today: string,
): Problem[] {
  const problems: Problem[] = [];
  if (input.source === "resident") {
    if (!input.submitter) problems.push(problem("submitter", "submitter_required"));
    if (input.memberId) problems.push(problem("memberId", "member_only_for_member_items"));
  } else {
    if (input.submitter) problems.push(problem("submitter", "submitter_only_for_resident_items"));
    if (!input.memberId && !ownMemberId) problems.push(problem("memberId", "member_required"));
    if (input.memberId && ownMemberId && input.memberId !== ownMemberId)
      problems.push(problem("memberId", "not_your_own_member_id"));
  }
  if (input.receivedOn && input.receivedOn > today)
    problems.push({ ...problem("receivedOn", "date_in_future"), params: { today } });
  return problems;
}

/**
 * The date a report, an adoption or a decline is recorded for (`field`, when given): not after today
 * (the county's date), and not before what it follows — a report not before the item was received,
 * an adoption or a decline not before the report.
 */
export function transitionDateProblems(
  field: string,
  date: string | undefined,
  item: { readonly receivedOn: string; readonly reportedOn?: string | undefined },
  today: string,
): Problem[] {
  if (date === undefined) return [];
  if (date > today) return [{ ...problem(field, "date_in_future"), params: { today } }];
  const reported = field !== "reportedOn" ? item.reportedOn : undefined;
  if (reported && date < reported)
    return [{ ...problem(field, "date_before_report"), params: { date: reported } }];
  if (date < item.receivedOn)
    return [{ ...problem(field, "date_before_received"), params: { date: item.receivedOn } }];
  return [];
}
