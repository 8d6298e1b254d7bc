/** Stations and rooms in the table: create, read, list, and versioned update. */

import { GetItemCommand, type TransactWriteItem } from "@aws-sdk/client-dynamodb";
import { marshall } from "@aws-sdk/util-dynamodb";
import { ConflictError, NotFoundError, StaleWriteError, ValidationError } from "../../domain/errors";
import type { ChatRobot } from "../../domain/notices/chat-webhook";
import { assessStandards, completeChecklist } from "../../domain/registry/stations";
import { clock } from "../../kernel/clock";
import { newId } from "../../kernel/ids";
import { retryStaleWrites } from "../../kernel/retry";
import { dynamodb, tableName } from "../../kernel/table/client";
import { getItem, getMany, type Page, queryAll, queryPage, toItem, values } from "../../kernel/table/items";
import {
  membershipIndexKeys,
  membershipKey,
  stationIndexKeys,
  stationKey,
  stationNameKey,
} from "../../kernel/table/keys";
import { writeTransaction } from "../../kernel/table/transaction";
import type { LiaisonInput, StationCreate, StationPatch } from "../contracts";
import type { Station } from "../responses";
import { liaisonChecks, resolveLiaison } from "./liaison-contacts";
import { memberStartsServing } from "./membership-writes";

export interface StationFilters {
  readonly kind?: Station["kind"] | undefined;
  readonly zone?: string | undefined;
  readonly status?: Station["status"] | undefined;
}

/** A station as the table holds it: its group-chat robot with the credentials the API never shows. */
type StoredStation = Omit<Station, "meetsStandard" | "standardsMet" | "chatRobot"> & {
  readonly chatRobot?: ChatRobot | undefined;
};

function present(stored: StoredStation): Station {
  const { chatRobot, ...station } = stored;
  const assessment = assessStandards(stored.standards);
  return {
    ...station,
    ...(chatRobot ? { chatRobot: { platform: chatRobot.platform, configured: true as const } } : {}),
    meetsStandard: assessment.meetsStandard,
    standardsMet: assessment.metCount,
  };
}

const stationEntity = "station";

function putStation(
  station: StoredStation,
  condition: { expression: string; values?: Record<string, unknown> },
) {
  return {
    Put: {
      TableName: tableName(),
      Item: toItem(
        station,
        { ...stationKey(station.id), ...stationIndexKeys(station.id, station.zone) },
        stationEntity,
      ),
      ConditionExpression: condition.expression,
      ExpressionAttributeValues: condition.values ? values(condition.values) : undefined,
    },
  } satisfies TransactWriteItem;
}

function putGuard(key: Record<string, string>, ownerId: string): TransactWriteItem {
  return {
    Put: {
      TableName: tableName(),
      Item: marshall({ ...key, ownerId }),
      ConditionExpression: "attribute_not_exists(PK)",
    },
  };
}

/** The writes that make a new station's lead member serve at it, counted on the member. */
function assignLeadWrites(stationId: string, memberId: string, now: string): TransactWriteItem[] {
  return [
    {
      Put: {
        TableName: tableName(),
        Item: toItem(
          { stationId, memberId, basis: "choice", assignedAt: now },
          { ...membershipKey(stationId, memberId), ...membershipIndexKeys(stationId, memberId) },
          "membership",
        ),
        ConditionExpression: "attribute_not_exists(PK)",
      },
    },
    memberStartsServing(memberId, stationId),
  ];
}

const leadMemberMissing = (memberId: string) =>
  new ValidationError([
    {
      field: "leadMemberId",
      code: "member_not_found",
      message: "member_not_found",
      params: { id: memberId },
    },
  ]);

const leadNotServing = (memberId: string) =>
  new ValidationError([
    {
      field: "leadMemberId",
      code: "lead_not_serving",
      message: "lead_not_serving",
      params: { id: memberId },
    },
  ]);

const nameTaken = () =>
  new ConflictError("already_exists", undefined, [
    { field: "name", code: "name_taken", message: "station_name_taken" },
  ]);

export async function createStation(input: StationCreate, now = clock().now()): Promise<Station> {
  const timestamp = now.toISOString();
  const liaison = await resolveLiaison(input.liaison);
  const station: StoredStation = {
    id: newId(now.getTime()),
    kind: input.kind,
    name: input.name,
    zone: input.zone,
    township: input.township,
    hostVenue: input.hostVenue,
    leadMemberId: input.leadMemberId,
    liaison,
    contact: input.contact,
    chatRobot: input.chatRobot,
    status: input.status ?? "preparing",
    standards: completeChecklist(input.standards),
    memberCount: input.leadMemberId ? 1 : 0,
    version: 1,
    createdAt: timestamp,
    updatedAt: timestamp,
  };
  const writes: TransactWriteItem[] = [
    putStation(station, { expression: "attribute_not_exists(PK)" }),
    putGuard(stationNameKey(station.name), station.id),
    ...(input.leadMemberId ? assignLeadWrites(station.id, input.leadMemberId, timestamp) : []),
  ];
  const checksFrom = writes.length;
  writes.push(...liaisonChecks(liaison));
  const outcome = await writeTransaction(writes);
  if (!outcome.committed) {
    if (outcome.failed[1]) throw nameTaken();
    if (outcome.failed[3] && input.leadMemberId) throw leadMemberMissing(input.leadMemberId);
    if (outcome.failed.slice(checksFrom).some(Boolean)) await contactChangedMeanwhile(input.liaison);
    throw new ConflictError("already_exists");
  }
  return present(station);
}

/** A referenced contact changed between its check and the write: say how (400), or that it raced (409). */
async function contactChangedMeanwhile(liaison: LiaisonInput): Promise<never> {
  await resolveLiaison(liaison);
  throw new StaleWriteError();
}

export async function findStation(stationId: string): Promise<Station | undefined> {
  const stored = await getItem<StoredStation>(stationKey(stationId));
  return stored ? present(stored) : undefined;
}

async function getStoredStation(stationId: string): Promise<StoredStation> {
  const stored = await getItem<StoredStation>(stationKey(stationId));
  if (!stored) throw new NotFoundError("station", stationId);
  return stored;
}

export async function getStation(stationId: string): Promise<Station> {
  const station = await findStation(stationId);
  if (!station) throw new NotFoundError("station", stationId);
  return station;
}

/** The stations with these ids that exist, in the order given. */
export async function getStations(stationIds: readonly string[]): Promise<Station[]> {
  const unique = [...new Set(stationIds)];
  return (await getMany<StoredStation>(unique.map(stationKey))).map(present);
}

export function matchesFilters(station: Station, filters: StationFilters): boolean {
  return (
    (filters.kind === undefined || station.kind === filters.kind) &&
    (filters.zone === undefined || station.zone === filters.zone) &&
    (filters.status === undefined || station.status === filters.status)
  );
}

export async function listStations(
  filters: StationFilters,
  page: { limit: number; cursor: string | undefined },
): Promise<Page<Station>> {
  const clauses: string[] = [];
  const filterValues: Record<string, unknown> = {};
  if (filters.kind) {
    clauses.push("#kind = :kind");
    filterValues[":kind"] = filters.kind;
  }
  if (filters.status) {
    clauses.push("#status = :status");
    filterValues[":status"] = filters.status;
  }
  const byZone = filters.zone !== undefined;
  const result = await queryPage<StoredStation>({
    index: byZone ? "GSI2" : "GSI1",
    partition: byZone
      ? { name: "GSI2PK", value: `ZONE#${filters.zone}` }
      : { name: "GSI1PK", value: "STATIONS" },
    filter: clauses.length ? { expression: clauses.join(" AND "), values: filterValues } : undefined,
    limit: page.limit,
    cursor: page.cursor,
  });
  return { items: result.items.map(present), cursor: result.cursor };
}

async function isAssigned(stationId: string, memberId: string): Promise<boolean> {
  const result = await dynamodb().send(
    new GetItemCommand({
      TableName: tableName(),
      Key: marshall(membershipKey(stationId, memberId)),
      ConsistentRead: true,
      ProjectionExpression: "PK",
    }),
  );
  return result.Item !== undefined;
}

function applyPatch(
  current: StoredStation,
  patch: StationPatch,
  liaison: Station["liaison"] | undefined,
  timestamp: string,
): StoredStation {
  const { version: _ignored, standards, township, leadMemberId, contact, chatRobot, ...rest } = patch;
  return {
    ...current,
    ...rest,
    liaison: liaison ?? current.liaison,
    township: township === null ? undefined : (township ?? current.township),
    leadMemberId: leadMemberId === null ? undefined : (leadMemberId ?? current.leadMemberId),
    contact: contact === null ? undefined : (contact ?? current.contact),
    chatRobot: chatRobot === null ? undefined : (chatRobot ?? current.chatRobot),
    standards: standards ? completeChecklist({ ...current.standards, ...standards }) : current.standards,
    version: current.version + 1,
    updatedAt: timestamp,
  };
}

/**
 * Applies a partial update. With `expectedVersion`, the update happens only if the station is still
 * at that version (409 otherwise); without it, a concurrent change is retried on fresh data.
 */
export async function updateStation(
  stationId: string,
  patch: StationPatch,
  expectedVersion: number | undefined,
  now = clock().now(),
): Promise<Station> {
  return retryStaleWrites(async () => {
    const current = await getStoredStation(stationId);
    if (expectedVersion !== undefined && current.version !== expectedVersion) {
      throw new ConflictError("version_mismatch", current.version);
    }
    const timestamp = now.toISOString();
    const liaison = patch.liaison ? await resolveLiaison(patch.liaison) : undefined;
    const next = applyPatch(current, patch, liaison, timestamp);
    // A lead member is chosen among those already serving (POST /stations alone assigns one).
    if (
      next.leadMemberId &&
      next.leadMemberId !== current.leadMemberId &&
      !(await isAssigned(stationId, next.leadMemberId))
    )
      throw leadNotServing(next.leadMemberId);
    const renamed = next.name !== current.name;
    // memberCount is part of the condition: assignments change it without a new version, and this
    // Put writes the whole item, so a count read before a concurrent (un)assignment must not land
    // (nor a lead who left meanwhile).
    const writes: TransactWriteItem[] = [
      putStation(next, {
        expression: "version = :expected AND memberCount = :count",
        values: { ":expected": current.version, ":count": current.memberCount },
      }),
    ];
    if (renamed) {
      writes.push(
        { Delete: { TableName: tableName(), Key: marshall(stationNameKey(current.name)) } },
        putGuard(stationNameKey(next.name), stationId),
      );
    }
    // Last, so that the positions above keep their meaning when the transaction is refused.
    const checksFrom = writes.length;
    if (liaison) writes.push(...liaisonChecks(liaison));
    const outcome = await writeTransaction(writes);
    if (outcome.committed) return present(next);
    const { failed } = outcome;
    // Read again: a changed version answers 409 above (with If-Match) or is retried on fresh data.
    if (failed[0]) throw new StaleWriteError(current.version);
    if (renamed && failed[2]) throw nameTaken();
    if (patch.liaison && failed.slice(checksFrom).some(Boolean)) await resolveLiaison(patch.liaison);
    throw new StaleWriteError(current.version);
  });
}

/** Every station and room of a zone (a zone holds a handful). */
export async function stationsInZone(zone: string): Promise<Station[]> {
  const stored = await queryAll<StoredStation>({
    index: "GSI2",
    partition: { name: "GSI2PK", value: `ZONE#${zone}` },
  });
  return stored.map(present);
}
