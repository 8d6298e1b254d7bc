/**
 * A member's assignment history: every change of where they serve (assigned by the county office,
 * invited, accepted, declined, withdrawn, left, removed), who made it and how. Kept in the member's
 * partition and written in the same transaction as the change, so the history cannot miss one.
 */
import type { TransactWriteItem } from "@aws-sdk/client-dynamodb";
import type { Principal } from "../../domain/access";
import type { AssignmentBasis } from "../../domain/registry/members";
import { newId } from "../../kernel/ids";
import { tableName } from "../../kernel/table/client";
import { queryAll, toItem } from "../../kernel/table/items";

export const historyEvents = [
  "assigned",
  "invited",
  "accepted",
  "declined",
  "withdrawn",
  "left",
  "removed",
] as const;
export type HistoryEvent = (typeof historyEvents)[number];

/** Who made a change: the signed-in person (subject and name) and the role they acted in. */
export interface Actor {
  readonly subject: string;
  readonly name?: string | undefined;
  readonly role: Principal["role"] | "system";
}

/** Changes made by code rather than a person (store tests, the demo data). */
export const systemActor: Actor = { subject: "system", role: "system" };

export const actorOf = (principal: Principal): Actor => ({
  subject: principal.subject,
  name: principal.name,
  role: principal.role,
});

export interface HistoryEntry {
  readonly at: string;
  readonly event: HistoryEvent;
  readonly stationId: string;
  readonly topicId?: string | undefined;
  readonly basis?: AssignmentBasis | undefined;
  readonly invitationId?: string | undefined;
  readonly by: Actor;
}

export function historyWrite(memberId: string, entry: HistoryEntry): TransactWriteItem {
  const at = new Date(entry.at);
  // The id orders entries of the same millisecond and keeps two of them apart.
  const key = { PK: `MEMBER#${memberId}`, SK: `HISTORY#${entry.at}#${newId(at.getTime())}` };
  return {
    Put: {
      TableName: tableName(),
      Item: toItem({ memberId, ...entry }, key, "history"),
      ConditionExpression: "attribute_not_exists(PK)",
    },
  };
}

/** The member's history, oldest first. */
export function memberHistory(memberId: string): Promise<(HistoryEntry & { memberId: string })[]> {
  return queryAll({
    partition: { name: "PK", value: `MEMBER#${memberId}` },
    sortKeyPrefix: { name: "SK", value: "HISTORY#" },
  });
}
