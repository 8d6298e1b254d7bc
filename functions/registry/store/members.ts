/** Members in the table: register, read, list, versioned update; one member per mobile number. */

import type { TransactWriteItem } from "@aws-sdk/client-dynamodb";
import { marshall } from "@aws-sdk/util-dynamodb";
import { ConflictError, NotFoundError, StaleWriteError } from "../../domain/errors";
import { normalizeExpertise } from "../../domain/registry/members";
import { clock } from "../../kernel/clock";
import { newId } from "../../kernel/ids";
import { retryStaleWrites } from "../../kernel/retry";
import { tableName } from "../../kernel/table/client";
import { getItem, getMany, type Page, queryAll, queryPage, toItem, values } from "../../kernel/table/items";
import { memberIndexKeys, memberKey, memberPhoneKey } from "../../kernel/table/keys";
import { writeTransaction } from "../../kernel/table/transaction";
import type { MemberCreate, MemberPatch } from "../contracts";
import type { StoredMember } from "../member-view";
import type { Member } from "../responses";

const memberEntity = "member";

function putMember(member: Member, condition: { expression: string; values?: Record<string, unknown> }) {
  return {
    Put: {
      TableName: tableName(),
      Item: toItem(
        member,
        { ...memberKey(member.id), ...memberIndexKeys(member.id, member.sector) },
        memberEntity,
      ),
      ConditionExpression: condition.expression,
      ExpressionAttributeValues: condition.values ? values(condition.values) : undefined,
    },
  } satisfies TransactWriteItem;
}

const phoneGuard = (phone: string, memberId: string): TransactWriteItem => ({
  Put: {
    TableName: tableName(),
    Item: marshall({ ...memberPhoneKey(phone), ownerId: memberId }),
    ConditionExpression: "attribute_not_exists(PK)",
  },
});

const phoneTaken = () =>
  new ConflictError("already_exists", undefined, [
    { field: "phone", code: "phone_taken", message: "phone_taken" },
  ]);

export async function createMember(input: MemberCreate, now = clock().now()): Promise<Member> {
  const timestamp = now.toISOString();
  const member: Member = {
    id: newId(now.getTime()),
    name: input.name,
    sector: input.sector,
    profession: input.profession,
    expertise: normalizeExpertise(input.expertise),
    ...(input.township ? { township: input.township } : {}),
    phone: input.phone,
    email: input.email,
    preferences: {
      language: input.preferences?.language ?? "zh-CN",
      channel: input.preferences?.channel ?? "sms",
    },
    stationCount: 0,
    version: 1,
    createdAt: timestamp,
    updatedAt: timestamp,
  };
  const outcome = await writeTransaction([
    putMember(member, { expression: "attribute_not_exists(PK)" }),
    phoneGuard(member.phone, member.id),
  ]);
  if (!outcome.committed) throw phoneTaken();
  return member;
}

export async function findMember(memberId: string): Promise<StoredMember | undefined> {
  return getItem<StoredMember>(memberKey(memberId));
}

export async function getMember(memberId: string): Promise<StoredMember> {
  const member = await findMember(memberId);
  if (!member) throw new NotFoundError("member", memberId);
  return member;
}

export function getMembers(memberIds: readonly string[]): Promise<StoredMember[]> {
  return getMany<StoredMember>([...new Set(memberIds)].map(memberKey));
}

export function listMembers(
  filters: { sector?: string | undefined },
  page: { limit: number; cursor: string | undefined },
): Promise<Page<StoredMember>> {
  return queryPage<StoredMember>({
    index: filters.sector ? "GSI2" : "GSI1",
    partition: filters.sector
      ? { name: "GSI2PK", value: `SECTOR#${filters.sector}` }
      : { name: "GSI1PK", value: "MEMBERS" },
    limit: page.limit,
    cursor: page.cursor,
  });
}

/** The whole register; the county's members number in the hundreds (see docs/decisions). */
export function listAllMembers(): Promise<StoredMember[]> {
  return queryAll<StoredMember>({ index: "GSI1", partition: { name: "GSI1PK", value: "MEMBERS" } });
}

function applyPatch(current: Member, patch: MemberPatch, timestamp: string): Member {
  const { version: _ignored, email, expertise, preferences, ...rest } = patch;
  return {
    ...current,
    ...rest,
    expertise: expertise ? normalizeExpertise(expertise) : current.expertise,
    email: email === null ? undefined : (email ?? current.email),
    preferences: { ...current.preferences, ...preferences },
    version: current.version + 1,
    updatedAt: timestamp,
  };
}

/** Same contract as `updateStation`: If-Match is honoured exactly; without it, races are retried. */
export async function updateMember(
  memberId: string,
  patch: MemberPatch,
  expectedVersion: number | undefined,
  now = clock().now(),
): Promise<Member> {
  return retryStaleWrites(async () => {
    const current = await getMember(memberId);
    if (expectedVersion !== undefined && current.version !== expectedVersion) {
      throw new ConflictError("version_mismatch", current.version);
    }
    const next = applyPatch(current, patch, now.toISOString());
    const phoneChanged = next.phone !== current.phone;
    const writes: TransactWriteItem[] = [
      // stationCount is owned by assignments; keep whatever value is stored now.
      {
        Update: {
          TableName: tableName(),
          Key: marshall(memberKey(memberId)),
          UpdateExpression:
            "SET #name = :name, sector = :sector, profession = :profession, expertise = :expertise, phone = :phone, preferences = :preferences, version = :next, updatedAt = :updatedAt, GSI2PK = :gsi2pk" +
            (next.email === undefined ? " REMOVE email" : ", email = :email"),
          ConditionExpression: "version = :expected",
          ExpressionAttributeNames: { "#name": "name" },
          ExpressionAttributeValues: values({
            ":name": next.name,
            ":sector": next.sector,
            ":profession": next.profession,
            ":expertise": next.expertise,
            ":phone": next.phone,
            ":preferences": next.preferences,
            ":next": next.version,
            ":updatedAt": next.updatedAt,
            ":gsi2pk": memberIndexKeys(memberId, next.sector).GSI2PK,
            ":email": next.email,
            ":expected": current.version,
          }),
        },
      },
    ];
    if (phoneChanged) {
      writes.push(
        { Delete: { TableName: tableName(), Key: marshall(memberPhoneKey(current.phone)) } },
        phoneGuard(next.phone, memberId),
      );
    }
    const outcome = await writeTransaction(writes);
    if (outcome.committed) return next;
    // Read again: a changed version answers 409 above (with If-Match) or is retried on fresh data.
    if (outcome.failed[0]) throw new StaleWriteError(current.version);
    throw phoneTaken();
  });
}
