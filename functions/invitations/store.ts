/**
 * Invitations in the table. Every change of an invitation is one transaction with what it means: the
 * invitation (created, or its status changed only while pending and unexpired), the pending guard,
 * the assignment or topic participation an acceptance makes, and the entry in the member's history.
 * Two answers to the same invitation cannot both land: the second finds it no longer pending.
 */
import type { TransactWriteItem } from "@aws-sdk/client-dynamodb";
import { marshall } from "@aws-sdk/util-dynamodb";
import { ConflictError, NotFoundError } from "../domain/errors";
import {
  type InvitationAnswer,
  type InvitationStatus,
  type StoredStatus,
  statusAt,
} from "../domain/invitations/invitations";
import { tableName } from "../kernel/table/client";
import {
  getItem,
  getMany,
  type Page,
  type PagedQuery,
  queryPage,
  toItem,
  values,
} from "../kernel/table/items";
import {
  invitationIndexKeys,
  invitationKey,
  invitationsOfMember,
  invitationsOfStation,
  memberKey,
  membershipKey,
  pendingInvitationKey,
  stationKey,
  topicKey,
  topicParticipantIndexKeys,
  topicParticipantKey,
} from "../kernel/table/keys";
import { writeTransaction } from "../kernel/table/transaction";
import { assignmentWrites } from "../registry/store/assignments";
import { type Actor, type HistoryEvent, historyWrite } from "../registry/store/history";
import type { Invitation } from "./responses";

/** What the table holds: the status as stored (`expired` is computed on read). */
export type StoredInvitation = Omit<Invitation, "status"> & { readonly status: StoredStatus };

const check = (key: Record<string, string>, expression: string, names?: Record<string, string>) => ({
  ConditionCheck: {
    TableName: tableName(),
    Key: marshall(key),
    ConditionExpression: expression,
    ...(names ? { ExpressionAttributeNames: names } : {}),
  },
});

/** The writes of a new invitation, in an order `createInvitation` reads failures by. */
function creationWrites(invitation: StoredInvitation, now: string): TransactWriteItem[] {
  const { id, stationId, memberId, topicId } = invitation;
  return [
    {
      Put: {
        TableName: tableName(),
        Item: toItem(
          invitation,
          { ...invitationKey(id), ...invitationIndexKeys(id, stationId, memberId) },
          "invitation",
        ),
        ConditionExpression: "attribute_not_exists(PK)",
      },
    },
    {
      // One pending invitation per member, station and topic; an expired one no longer counts.
      Put: {
        TableName: tableName(),
        Item: marshall({
          ...pendingInvitationKey(stationId, memberId, topicId),
          ownerId: id,
          expiresAt: invitation.expiresAt,
        }),
        ConditionExpression: "attribute_not_exists(PK) OR expiresAt <= :now",
        ExpressionAttributeValues: values({ ":now": now }),
      },
    },
    topicId
      ? check(topicParticipantKey(topicId, memberId), "attribute_not_exists(PK)")
      : check(membershipKey(stationId, memberId), "attribute_not_exists(PK)"),
    check(stationKey(stationId), "attribute_exists(PK)"),
    check(memberKey(memberId), "attribute_exists(PK)"),
    historyWrite(memberId, {
      at: invitation.createdAt,
      event: "invited",
      stationId,
      topicId,
      invitationId: id,
      by: invitation.invitedBy,
    }),
    ...(topicId
      ? [
          {
            ConditionCheck: {
              TableName: tableName(),
              Key: marshall(topicKey(topicId)),
              ConditionExpression: "attribute_exists(PK) AND stationId = :station",
              ExpressionAttributeValues: values({ ":station": stationId }),
            },
          },
        ]
      : []),
  ];
}

export async function createInvitation(invitation: StoredInvitation): Promise<void> {
  const outcome = await writeTransaction(creationWrites(invitation, invitation.createdAt));
  if (outcome.committed) return;
  const { failed } = outcome;
  if (failed[3]) throw new NotFoundError("station", invitation.stationId);
  if (failed[4]) throw new NotFoundError("member", invitation.memberId);
  if (failed[6] && invitation.topicId) throw new NotFoundError("topic", invitation.topicId);
  if (failed[2]) throw new ConflictError("already_serving");
  if (failed[1]) throw new ConflictError("invitation_pending");
  throw new ConflictError("already_exists");
}

/**
 * The topic an invitation names, if it is the station's: its title goes with the invitation, so that
 * the member, who may not read the topic before accepting, is told what it is. Read through its key
 * only (invitations know no topics beyond it); the creation still checks it in its transaction.
 */
export async function invitedTopic(topicId: string, stationId: string): Promise<{ title: string }> {
  const topic = await getItem<{ stationId: string; title: string }>(topicKey(topicId));
  if (!topic || topic.stationId !== stationId) throw new NotFoundError("topic", topicId);
  return { title: topic.title };
}

/** Invitations to a topic sent before they carried its title get it from the topic (one batch read). */
async function withTopicTitles(stored: StoredInvitation[]): Promise<StoredInvitation[]> {
  const untitled = [...new Set(stored.flatMap((i) => (i.topicId && !i.topicTitle ? [i.topicId] : [])))];
  if (untitled.length === 0) return stored;
  const topics = await getMany<{ id: string; title: string }>(untitled.map(topicKey));
  const titles = new Map(topics.map((topic) => [topic.id, topic.title]));
  return stored.map((i) => {
    const title = i.topicId && !i.topicTitle ? titles.get(i.topicId) : undefined;
    return title ? { ...i, topicTitle: title } : i;
  });
}

export function findInvitation(invitationId: string): Promise<StoredInvitation | undefined> {
  return getItem<StoredInvitation>(invitationKey(invitationId));
}

/** The table's filter for a status as the API shows it (`expired` and `pending` are read from `expiresAt`). */
function statusFilter(status: InvitationStatus | undefined, now: Date): PagedQuery["filter"] {
  const nowIso = now.toISOString();
  switch (status) {
    case undefined:
      return undefined;
    case "pending":
      return {
        expression: "#status = :pending AND #expiresAt > :now",
        values: { ":pending": "pending", ":now": nowIso },
      };
    case "expired":
      return {
        expression: "#status = :pending AND #expiresAt <= :now",
        values: { ":pending": "pending", ":now": nowIso },
      };
    default:
      return { expression: "#status = :status", values: { ":status": status } };
  }
}

/** A page of a station's or a member's invitations, newest first, as of `now`. */
export async function invitationPage(
  by: { stationId: string } | { memberId: string },
  options: { limit: number; cursor: string | undefined; status: InvitationStatus | undefined; now: Date },
): Promise<Page<Invitation>> {
  const partition =
    "stationId" in by
      ? { name: "GSI1PK", value: invitationsOfStation(by.stationId) }
      : { name: "GSI2PK", value: invitationsOfMember(by.memberId) };
  const filter = statusFilter(options.status, options.now);
  const page = await queryPage<StoredInvitation>({
    index: "stationId" in by ? "GSI1" : "GSI2",
    partition,
    sortKeyPrefix: { name: partition.name.replace("PK", "SK"), value: "INVITATION#" },
    newestFirst: true,
    ...(filter ? { filter } : {}),
    limit: options.limit,
    cursor: options.cursor,
  });
  const items = await withTopicTitles(page.items);
  return { items: items.map((stored) => presentInvitation(stored, options.now)), cursor: page.cursor };
}

/**
 * What an accepted invitation makes: an assignment (basis `choice`) or a topic participant, found
 * in the member's reach (GSI1) as a membership is: what lets the member read the topic.
 */
function acceptanceWrites(invitation: StoredInvitation, at: string): TransactWriteItem[] {
  const { stationId, memberId, topicId } = invitation;
  if (!topicId) return assignmentWrites({ stationId, memberId, basis: "choice", assignedAt: at });
  return [
    {
      Put: {
        TableName: tableName(),
        Item: toItem(
          { topicId, stationId, memberId, invitationId: invitation.id, since: at },
          { ...topicParticipantKey(topicId, memberId), ...topicParticipantIndexKeys(topicId, memberId) },
          "participant",
        ),
        ConditionExpression: "attribute_not_exists(PK)",
      },
    },
  ];
}

const historyEventOf: Record<InvitationAnswer, HistoryEvent> = {
  accepted: "accepted",
  declined: "declined",
  withdrawn: "withdrawn",
};

/**
 * Accepts, declines or withdraws a pending, unexpired invitation. 409 `invitation_closed` when it was
 * answered, withdrawn or expired first (the loser of two concurrent answers), `already_serving` when
 * the member came to serve at the station some other way meanwhile.
 */
export async function closeInvitation(
  invitation: StoredInvitation,
  answer: InvitationAnswer,
  by: { actor: Actor; note: string | undefined },
  now: Date,
): Promise<StoredInvitation> {
  const at = now.toISOString();
  const { actor, note } = by;
  const { id, stationId, memberId, topicId } = invitation;
  const outcome = await writeTransaction([
    {
      Update: {
        TableName: tableName(),
        Key: marshall(invitationKey(id)),
        UpdateExpression: `SET #status = :answer, answeredAt = :at, answeredBy = :by${note ? ", answerNote = :note" : ""}`,
        ConditionExpression: "#status = :pending AND expiresAt > :at",
        ExpressionAttributeNames: { "#status": "status" },
        ExpressionAttributeValues: values({
          ":answer": answer,
          ":at": at,
          ":by": actor,
          ":pending": "pending",
          ...(note ? { ":note": note } : {}),
        }),
      },
    },
    { Delete: { TableName: tableName(), Key: marshall(pendingInvitationKey(stationId, memberId, topicId)) } },
    historyWrite(memberId, {
      at,
      event: historyEventOf[answer],
      stationId,
      topicId,
      invitationId: id,
      ...(answer === "accepted" && !topicId ? { basis: "choice" as const } : {}),
      by: actor,
    }),
    ...(answer === "accepted" ? acceptanceWrites(invitation, at) : []),
  ]);
  if (outcome.committed)
    return {
      ...invitation,
      status: answer,
      answeredAt: at,
      answeredBy: actor,
      ...(note ? { answerNote: note } : {}),
    };
  if (outcome.failed[0]) throw new ConflictError("invitation_closed");
  if (outcome.failed[3]) throw new ConflictError("already_serving");
  throw new ConflictError("invitation_closed");
}

/** The invitation as of `now` (a pending one past its expiry reads as expired). */
export function presentInvitation(stored: StoredInvitation, now: Date): Invitation {
  return { ...stored, status: statusAt(stored, now) };
}
