/**
 * The users who may sign in, in the table: read, list (by role, active or not), and written whole
 * (PUT) or in part (PATCH), each write versioned and checked against the role's needs and the
 * registry (the stations and the member named must exist). A write forgets the cached record here,
 * so this function sees it at once; others within the cache's window (kernel/identity/user-cache.ts).
 */
import type { TransactWriteItem } from "@aws-sdk/client-dynamodb";
import {
  ConflictError,
  type FieldProblem,
  NotFoundError,
  StaleWriteError,
  ValidationError,
} from "../domain/errors";
import { type User, userProblems } from "../domain/users";
import { clock } from "../kernel/clock";
import { forgetUser } from "../kernel/identity/user-cache";
import { retryStaleWrites } from "../kernel/retry";
import { tableName } from "../kernel/table/client";
import { getItem, type Page, queryPage, toItem, values } from "../kernel/table/items";
import { collections, userIndexKeys, userKey, usersWithRole } from "../kernel/table/keys";
import { writeTransaction } from "../kernel/table/transaction";
import { findMember } from "../registry/store/members";
import { getStations } from "../registry/store/stations";
import type { UserPatch, UserPut } from "./contracts";

export interface UserFilters {
  readonly role?: User["role"] | undefined;
  readonly active?: boolean | undefined;
}

function putUser(user: User, expectedVersion: number | undefined): TransactWriteItem {
  return {
    Put: {
      TableName: tableName(),
      Item: toItem(
        withoutUndefined(user),
        { ...userKey(user.subject), ...userIndexKeys(user.subject, user.role) },
        "user",
      ),
      ConditionExpression: expectedVersion === undefined ? "attribute_not_exists(PK)" : "version = :expected",
      ExpressionAttributeValues:
        expectedVersion === undefined ? undefined : values({ ":expected": expectedVersion }),
    },
  };
}

function withoutUndefined(user: User): User {
  return Object.fromEntries(Object.entries(user).filter(([, value]) => value !== undefined)) as User;
}

/** The role's needs, then the registry: every station and the member must exist. */
async function assertValid(user: User): Promise<void> {
  const problems: FieldProblem[] = userProblems(user);
  if (problems.length === 0 && user.stationIds.length > 0) {
    const found = new Set((await getStations(user.stationIds)).map((station) => station.id));
    user.stationIds.forEach((stationId, index) => {
      if (!found.has(stationId)) {
        problems.push({
          field: `stationIds.${index}`,
          code: "station_not_found",
          message: "station_not_found",
          params: { id: stationId },
        });
      }
    });
  }
  if (problems.length === 0 && user.memberId && !(await findMember(user.memberId))) {
    const params = { id: user.memberId };
    problems.push({ field: "memberId", code: "member_not_found", message: "member_not_found", params });
  }
  if (problems.length > 0) throw new ValidationError(problems);
}

export function findUser(subject: string): Promise<User | undefined> {
  return getItem<User>(userKey(subject));
}

export async function getUser(subject: string): Promise<User> {
  const user = await findUser(subject);
  if (!user) throw new NotFoundError("user", subject);
  return user;
}

export function listUsers(
  filters: UserFilters,
  page: { limit: number; cursor: string | undefined },
): Promise<Page<User>> {
  const byRole = filters.role !== undefined;
  const filter =
    filters.active === undefined
      ? undefined
      : { expression: "#active = :active", values: { ":active": filters.active } };
  return queryPage<User>({
    index: byRole ? "GSI2" : "GSI1",
    partition: byRole
      ? { name: "GSI2PK", value: usersWithRole(filters.role ?? "") }
      : { name: "GSI1PK", value: collections.users },
    ...(filter ? { filter } : {}),
    limit: page.limit,
    cursor: page.cursor,
  });
}

async function write(next: User, current: User | undefined): Promise<User> {
  await assertValid(next);
  const outcome = await writeTransaction([putUser(next, current?.version)]);
  forgetUser(next.subject);
  if (!outcome.committed) {
    if (current) throw new StaleWriteError(current.version);
    throw new ConflictError("already_exists");
  }
  return withoutUndefined(next);
}

function assertVersion(current: User | undefined, expected: number | undefined): void {
  if (expected === undefined) return;
  if (!current || current.version !== expected) throw new ConflictError("version_mismatch", current?.version);
}

/**
 * Creates the user, or replaces the whole record; `created` says which. `onlyIfNew` (If-None-Match: *)
 * refuses to replace: the console's "add a user" must not overwrite someone who can sign in already.
 */
export async function replaceUser(
  subject: string,
  input: UserPut,
  expectedVersion: number | undefined,
  { onlyIfNew = false, now = clock().now() }: { onlyIfNew?: boolean; now?: Date } = {},
): Promise<{ user: User; created: boolean }> {
  return retryStaleWrites(async () => {
    const current = await findUser(subject);
    if (onlyIfNew && current) throw new ConflictError("user_exists");
    assertVersion(current, expectedVersion);
    const timestamp = now.toISOString();
    const next: User = {
      subject,
      name: input.name,
      role: input.role,
      stationIds: [...new Set(input.stationIds ?? [])],
      memberId: input.memberId,
      active: input.active ?? true,
      version: (current?.version ?? 0) + 1,
      createdAt: current?.createdAt ?? timestamp,
      updatedAt: timestamp,
    };
    return { user: await write(next, current), created: current === undefined };
  });
}

export async function updateUser(
  subject: string,
  patch: UserPatch,
  expectedVersion: number | undefined,
  now = clock().now(),
): Promise<User> {
  return retryStaleWrites(async () => {
    const current = await getUser(subject);
    assertVersion(current, expectedVersion);
    const { version: _ignored, memberId, stationIds, ...rest } = patch;
    const next: User = {
      ...current,
      ...rest,
      stationIds: stationIds === undefined ? current.stationIds : [...new Set(stationIds)],
      memberId: memberId === null ? undefined : (memberId ?? current.memberId),
      version: current.version + 1,
      updatedAt: now.toISOString(),
    };
    return await write(next, current);
  });
}
