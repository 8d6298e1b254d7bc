/**
 * A topic's 开展协商 step, once completed, is one consultation (协商议事) of its station: recorded
 * with the step's completion, in the same transaction (functions/topics/decide.ts), from the step's
 * evidence. Its id is the topic's, so it is recorded once: a completion retried, or the step completed
 * again after the topic was sent back, finds it there and leaves it (and the tally) as it is.
 */
import type { TransactWriteItem } from "@aws-sdk/client-dynamodb";
import { maxMembersPresent, yearOfDate } from "../domain/quota/activities";
import { systemActor } from "./access";
import { recordActivityWrites, type StoredActivity } from "./store/activities";

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

/** The consultation a topic's completed 开展协商 step counts as, as table writes (none without a meeting date). */
export function consultationWrites(
  topic: { readonly id: string; readonly stationId: string },
  evidence: unknown,
  now: Date,
): TransactWriteItem[] {
  const meeting = (evidence as ConsultEvidence | undefined)?.meeting;
  if (!meeting?.date) return [];
  const at = now.toISOString();
  const activity: StoredActivity = {
    id: topic.id,
    stationId: topic.stationId,
    type: "consultation",
    date: meeting.date,
    year: yearOfDate(meeting.date),
    place: meeting.place ?? "",
    memberIds: [...new Set(meeting.participants?.members ?? [])].slice(0, maxMembersPresent),
    residentsReached: residentsOf(meeting.participants?.residents),
    ...(meeting.consensus ? { summary: meeting.consensus.slice(0, 2000) } : {}),
    topicId: topic.id,
    source: "topic",
    status: "recorded",
    recordedBy: systemActor,
    version: 1,
    eventSeq: 1,
    createdAt: at,
    updatedAt: at,
  };
  return recordActivityWrites(activity, { at, kind: "recorded", actor: systemActor });
}
