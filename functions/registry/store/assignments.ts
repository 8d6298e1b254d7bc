/**
 * Which members serve at which stations (就近、自主). Assigning and unassigning are transactions that
 * keep the station's memberCount and the member's stationCount exact under repeats and races.
 */

import { type AttributeValue, type TransactWriteItem, UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import { marshall } from "@aws-sdk/util-dynamodb";
import { ConflictError, NotFoundError } from "../../domain/errors";
import type { AssignmentBasis } from "../../domain/registry/members";
import { clock } from "../../kernel/clock";
import { dynamodb, tableName } from "../../kernel/table/client";
import { type Page, queryAll, queryPage, toItem, values } from "../../kernel/table/items";
import {
  memberReach,
  membershipIndexKeys,
  membershipKey,
  reachedStation,
  stationKey,
} from "../../kernel/table/keys";
import { asThrottle, isConditionFailure, writeTransaction } from "../../kernel/table/transaction";
import type { Assignment } from "../responses";
import { type Actor, historyWrite, systemActor } from "./history";
import { memberStartsServing, memberStopsServing } from "./membership-writes";

export type StoredAssignment = Omit<Assignment, "member">;

export interface AssignResult {
  readonly assignment: StoredAssignment;
  /** False when the member already served there (a repeated PUT). */
  readonly created: boolean;
}

/** The writes that make a member serve at a station: the membership and both counts (positions 0–2). */
export function assignmentWrites(assignment: StoredAssignment): TransactWriteItem[] {
  const { stationId, memberId } = assignment;
  return [
    {
      Put: {
        TableName: tableName(),
        Item: toItem(
          assignment,
          { ...membershipKey(stationId, memberId), ...membershipIndexKeys(stationId, memberId) },
          "membership",
        ),
        ConditionExpression: "attribute_not_exists(PK)",
      },
    },
    {
      Update: {
        TableName: tableName(),
        Key: marshall(stationKey(stationId)),
        UpdateExpression: "SET memberCount = memberCount + :one",
        ConditionExpression: "attribute_exists(PK)",
        ExpressionAttributeValues: values({ ":one": 1 }),
      },
    },
    memberStartsServing(memberId, stationId),
  ];
}

/** The county office assigns a member directly (recorded in the member's history as `assigned`). */
export async function assignMember(
  stationId: string,
  memberId: string,
  basis: AssignmentBasis,
  now = clock().now(),
  actor: Actor = systemActor,
): Promise<AssignResult> {
  const assignment: StoredAssignment = { stationId, memberId, basis, assignedAt: now.toISOString() };
  const outcome = await writeTransaction([
    ...assignmentWrites(assignment),
    historyWrite(memberId, { at: assignment.assignedAt, event: "assigned", stationId, basis, by: actor }),
  ]);
  if (outcome.committed) return { assignment, created: true };
  if (outcome.failed[1]) throw new NotFoundError("station", stationId);
  if (outcome.failed[2]) throw new NotFoundError("member", memberId);
  const existing = await updateBasis(stationId, memberId, basis);
  // Removed between our write and the update: assign afresh.
  if (!existing) return await assignMember(stationId, memberId, basis, now, actor);
  return { assignment: existing, created: false };
}

/** A repeated PUT states the basis again; the original assignment date is kept. */
async function updateBasis(
  stationId: string,
  memberId: string,
  basis: AssignmentBasis,
): Promise<StoredAssignment | undefined> {
  let result: { Attributes?: Record<string, AttributeValue> };
  try {
    result = await dynamodb().send(
      new UpdateItemCommand({
        TableName: tableName(),
        Key: marshall(membershipKey(stationId, memberId)),
        UpdateExpression: "SET basis = :basis",
        ConditionExpression: "attribute_exists(PK)",
        ExpressionAttributeValues: values({ ":basis": basis }),
        ReturnValues: "ALL_NEW",
      }),
    );
  } catch (error) {
    if (isConditionFailure(error)) return undefined;
    throw asThrottle(error) ?? error;
  }
  const item = result.Attributes ?? {};
  return {
    stationId,
    memberId,
    basis,
    assignedAt: item.assignedAt?.S ?? clock().now().toISOString(),
  };
}

/** How a member stopped serving: they left, or the county office removed them. */
export interface Departure {
  readonly event: "left" | "removed";
  readonly actor: Actor;
}

export async function unassignMember(
  stationId: string,
  memberId: string,
  departure: Departure = { event: "removed", actor: systemActor },
  now = clock().now(),
): Promise<void> {
  const decrement = (key: Record<string, string>, attribute: string, extraCondition = "") => ({
    Update: {
      TableName: tableName(),
      Key: marshall(key),
      UpdateExpression: `SET ${attribute} = ${attribute} - :one`,
      ConditionExpression: `attribute_exists(PK)${extraCondition}`,
      ExpressionAttributeValues: values({ ":one": 1, ...(extraCondition ? { ":member": memberId } : {}) }),
    },
  });
  const outcome = await writeTransaction([
    {
      Delete: {
        TableName: tableName(),
        Key: marshall(membershipKey(stationId, memberId)),
        ConditionExpression: "attribute_exists(PK)",
      },
    },
    decrement(
      stationKey(stationId),
      "memberCount",
      " AND (attribute_not_exists(leadMemberId) OR leadMemberId <> :member)",
    ),
    memberStopsServing(memberId, stationId),
    historyWrite(memberId, {
      at: now.toISOString(),
      event: departure.event,
      stationId,
      by: departure.actor,
    }),
  ]);
  if (outcome.committed) return;
  if (!outcome.failed[0] && outcome.failed[1]) {
    throw new ConflictError("lead_member", undefined, [
      { field: "memberId", code: "lead_member", message: "lead_member_cannot_leave" },
    ]);
  }
  throw new NotFoundError("assignment", `${stationId}/${memberId}`);
}

export function listStationAssignments(
  stationId: string,
  page: { limit: number; cursor: string | undefined },
): Promise<Page<StoredAssignment>> {
  return queryPage<StoredAssignment>({
    partition: { name: "PK", value: `STATION#${stationId}` },
    sortKeyPrefix: { name: "SK", value: "MEMBER#" },
    limit: page.limit,
    cursor: page.cursor,
  });
}

export function allStationAssignments(stationId: string): Promise<StoredAssignment[]> {
  return queryAll<StoredAssignment>({
    partition: { name: "PK", value: `STATION#${stationId}` },
    sortKeyPrefix: { name: "SK", value: "MEMBER#" },
  });
}

/** A member's assignments, through the inverted index (their reach's stations, not its topics). */
export function assignmentsOfMember(memberId: string): Promise<StoredAssignment[]> {
  return queryAll<StoredAssignment>({
    index: "GSI1",
    partition: { name: "GSI1PK", value: memberReach(memberId) },
    sortKeyPrefix: { name: "GSI1SK", value: reachedStation("") },
  });
}

/** The stations a member serves at, through the inverted index. */
export async function stationIdsOfMember(memberId: string): Promise<string[]> {
  return (await assignmentsOfMember(memberId)).map((a) => a.stationId);
}
