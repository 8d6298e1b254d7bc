/**
 * A topic's 开展协商 step, once completed, is one consultation (协商议事) of its station: recorded
 * with the step's completion, in the same transaction (functions/topics/decide.ts), from the step's
 * evidence. Its id is the topic's, so it is recorded once: a completion retried, or the step completed
 * again after the topic was sent back, finds it there and leaves it (and the tally) as it is. The
 * meeting is held to an activity's rules before the step may complete (`assertConsultation`).
 */
import type { TransactWriteItem } from "@aws-sdk/client-dynamodb";
import { type FieldProblem, ValidationError } from "../domain/errors";
import { type ActivityFields, activityProblems, yearOfDate } from "../domain/quota/activities";
import { systemActor } from "./access";
import { unknownMemberProblems } from "./references";
import { recordActivityWrites, type StoredActivity } from "./store/activities";
import type { CounterChanges } from "./store/tally";

interface ConsultEvidence {
  readonly meeting?: {
    readonly date?: string;
    readonly place?: string;
    readonly participants?: { readonly members?: readonly string[]; readonly residents?: unknown };
    readonly consensus?: string;
  };
}

const residentsOf = (residents: unknown): number =>
  typeof residents === "number" ? residents : Array.isArray(residents) ? residents.length : 0;

/** The meeting as the activity it counts as (none without a meeting date). */
function meetingFields(evidence: unknown): ActivityFields | undefined {
  const meeting = (evidence as ConsultEvidence | undefined)?.meeting;
  if (!meeting?.date) return undefined;
  return {
    type: "consultation",
    date: meeting.date,
    place: meeting.place ?? "",
    memberIds: meeting.participants?.members ?? [],
    residentsReached: residentsOf(meeting.participants?.residents),
    ...(meeting.consensus ? { summary: meeting.consensus.slice(0, 2000) } : {}),
  };
}

/** Where the step's evidence holds each of the activity's fields. */
const evidenceField = (field: string): string =>
  field.startsWith("memberIds")
    ? field.replace("memberIds", "meeting.participants.members")
    : `meeting.${field}`;

/**
 * Refuses (ValidationError) a meeting that could not be recorded as an activity: held after `today`
 * (the county's date) or before activities are kept, a member twice, a member not registered.
 */
export async function assertConsultation(evidence: unknown, today: string): Promise<void> {
  const fields = meetingFields(evidence);
  if (!fields) return;
  const problems: FieldProblem[] = [
    ...activityProblems(fields, today),
    ...(await unknownMemberProblems(fields.memberIds)),
  ];
  if (problems.length)
    throw new ValidationError(
      problems.map((problem) => ({ ...problem, field: evidenceField(problem.field) })),
    );
}

/** The consultation a topic's completed 开展协商 step counts as, as table writes (none without a meeting date). */
export function consultationWrites(
  topic: { readonly id: string; readonly stationId: string },
  evidence: unknown,
  now: Date,
  extra?: CounterChanges,
): TransactWriteItem[] {
  const fields = meetingFields(evidence);
  if (!fields) return [];
  const at = now.toISOString();
  const activity: StoredActivity = {
    ...fields,
    memberIds: [...fields.memberIds],
    id: topic.id,
    stationId: topic.stationId,
    year: yearOfDate(fields.date),
    topicId: topic.id,
    source: "topic",
    status: "recorded",
    recordedBy: systemActor,
    version: 1,
    eventSeq: 1,
    createdAt: at,
    updatedAt: at,
  };
  return recordActivityWrites(activity, { at, kind: "recorded", actor: systemActor }, extra);
}
