/**
 * What an activity counts (decision 0020), and the rules it must satisfy: a label for "X" and for
 * nothing else, a date that has happened, the members present within what one transaction holds.
 * `countChanges` turns a record's before and after into the tally deltas and attendance changes that
 * ride in the same transaction as the record — a new record, a correction, or a withdrawal.
 * Pure rules; the activities store writes them.
 */
import type { FieldProblem } from "../errors";
import { activityCounter, correctionDelta, countedOn, type TallyDelta, withdrawal } from "./tally";
import type { ActivityType } from "./vocabulary";

/**
 * The members present at one activity, at most. A correction that moves an activity to another year
 * uncounts every member in the old year and counts every member in the new one: 2 × 45 attendance
 * updates, the activity, its audit line and two tallies stay within DynamoDB's 100 items.
 */
export const maxMembersPresent = 45;

/** What of an activity the tally and attendance depend on. */
export interface Counted {
  readonly stationId: string;
  readonly type: ActivityType;
  /** The county date, YYYY-MM-DD: its year is the tally's. */
  readonly date: string;
  readonly memberIds: readonly string[];
}

export interface CountChanges {
  readonly tallies: readonly { readonly year: number; readonly delta: TallyDelta }[];
  readonly attendance: readonly {
    readonly year: number;
    readonly memberIds: readonly string[];
    readonly change: 1 | -1;
    /** A duty activity (委员值班): counted among the member's duty shifts too (decision 0027). */
    readonly duty: boolean;
  }[];
}

export const yearOfDate = (date: string): number => Number(date.slice(0, 4));

const delta = (record: Counted): TallyDelta => countedOn(record.date, { [activityCounter(record.type)]: 1 });

const isDuty = (record: Counted): boolean => record.type === "duty";

/** Tally and attendance changes from `before` (absent: a new record) to `after` (absent: withdrawn). */
export function countChanges(before: Counted | undefined, after: Counted | undefined): CountChanges {
  // A duty activity corrected into another kind (or back) is withdrawn and counted again, whole.
  if (
    before &&
    after &&
    yearOfDate(before.date) === yearOfDate(after.date) &&
    isDuty(before) === isDuty(after)
  ) {
    const year = yearOfDate(after.date);
    const duty = isDuty(after);
    const left = before.memberIds.filter((id) => !after.memberIds.includes(id));
    const joined = after.memberIds.filter((id) => !before.memberIds.includes(id));
    return {
      tallies: [{ year, delta: correctionDelta(delta(before), delta(after)) }].filter(
        (tally) => Object.keys(tally.delta).length > 0,
      ),
      attendance: [
        { year, memberIds: left, change: -1 as const, duty },
        { year, memberIds: joined, change: 1 as const, duty },
      ].filter((entry) => entry.memberIds.length > 0),
    };
  }
  return {
    tallies: [
      ...(before ? [{ year: yearOfDate(before.date), delta: withdrawal(delta(before)) }] : []),
      ...(after ? [{ year: yearOfDate(after.date), delta: delta(after) }] : []),
    ],
    attendance: [
      ...(before
        ? [
            {
              year: yearOfDate(before.date),
              memberIds: before.memberIds,
              change: -1 as const,
              duty: isDuty(before),
            },
          ]
        : []),
      ...(after
        ? [
            {
              year: yearOfDate(after.date),
              memberIds: after.memberIds,
              change: 1 as const,
              duty: isDuty(after),
            },
          ]
        : []),
    ].filter((entry) => entry.memberIds.length > 0),
  };
}

/** The fields of an activity as recorded, for its rules and its audit. */
export interface ActivityFields {
  readonly type: ActivityType;
  readonly label?: string | undefined;
  readonly date: string;
  readonly place: string;
  readonly memberIds: readonly string[];
  readonly residentsReached: number;
  readonly summary?: string | undefined;
  readonly topicId?: string | undefined;
}

/** The earliest year an activity may be recorded in. */
export const firstActivityYear = 2000;

/** What is wrong with an activity's fields on county date `today` (none: it may be recorded). */
export function activityProblems(fields: ActivityFields, today: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (fields.type === "other" && !fields.label)
    problems.push({ field: "label", code: "required", message: "label_required_for_other" });
  if (fields.type !== "other" && fields.label)
    problems.push({ field: "label", code: "invalid_value", message: "label_only_for_other" });
  if (fields.date > today)
    problems.push({ field: "date", code: "date_in_future", message: "date_in_future", params: { today } });
  if (yearOfDate(fields.date) < firstActivityYear)
    problems.push({
      field: "date",
      code: "too_small",
      message: "too_small",
      params: { minimum: `${firstActivityYear}-01-01` },
    });
  if (new Set(fields.memberIds).size !== fields.memberIds.length)
    problems.push({ field: "memberIds", code: "duplicate", message: "duplicate_member" });
  return problems;
}

/** One field's change, for the audit: what it was and what it became. */
export type FieldChanges = Readonly<Record<string, { readonly from: unknown; readonly to: unknown }>>;

const auditedFields = [
  "type",
  "label",
  "date",
  "place",
  "memberIds",
  "residentsReached",
  "summary",
  "topicId",
] as const satisfies readonly (keyof ActivityFields)[];

/** The fields that differ between `before` and `after` (lists compared as sets of ids, in order given). */
export function changedFields(before: ActivityFields, after: ActivityFields): FieldChanges {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const name of auditedFields) {
    const from = before[name];
    const to = after[name];
    if (JSON.stringify(from ?? null) !== JSON.stringify(to ?? null))
      changes[name] = { from: from ?? null, to: to ?? null };
  }
  return changes;
}
