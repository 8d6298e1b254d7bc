/**
 * The user records behind local tokens (decision 0024): a token proves only who the caller is, so
 * each token the local tools make needs its user in the table. In the stack's own process (the
 * stack's bootstrap admins, the test harness) the record is written straight into the table; from
 * another process (`npm run token`), through the running API as the local admin, like any client.
 */
import type { User } from "../../functions/domain/users";
import type { TokenRequest } from "./token";
import { defaultNames, subjectOf } from "./token";

/** The subjects the local stack always has as admins: the admin token it prints, and the seeding. */
export const localAdminSubjects = ["local-admin", "local-seed"] as const;

/** The user record a token request stands for. */
export function userOf(request: TokenRequest): Omit<User, "version" | "createdAt" | "updatedAt"> {
  return {
    subject: subjectOf(request),
    role: request.role,
    stationIds: request.role === "staff" ? [...(request.stationIds ?? [])] : [],
    ...(request.memberId ? { memberId: request.memberId } : {}),
    name: request.name ?? defaultNames[request.role],
    active: true,
  };
}

/**
 * Writes the record straight into the table, unchecked (a test may name a station that does not
 * exist, as a token could), and forgets any cached copy so the next request sees it. Only in the
 * process that runs the functions, once their environment is in place.
 */
export async function putLocalUser(
  request: TokenRequest,
  options: { ifAbsent?: boolean } = {},
): Promise<void> {
  const [
    { PutItemCommand },
    { dynamodb, tableName },
    { toItem },
    { userKey, userIndexKeys },
    { forgetUser },
  ] = await Promise.all([
    import("@aws-sdk/client-dynamodb"),
    import("../../functions/kernel/table/client"),
    import("../../functions/kernel/table/items"),
    import("../../functions/kernel/table/keys"),
    import("../../functions/kernel/identity/user-cache"),
  ]);
  const now = new Date().toISOString();
  const user = { ...userOf(request), version: 1, createdAt: now, updatedAt: now };
  await dynamodb()
    .send(
      new PutItemCommand({
        TableName: tableName(),
        Item: toItem(user, { ...userKey(user.subject), ...userIndexKeys(user.subject, user.role) }, "user"),
        ...(options.ifAbsent ? { ConditionExpression: "attribute_not_exists(PK)" } : {}),
      }),
    )
    .catch((error: unknown) => {
      if (options.ifAbsent && (error as Error).name === "ConditionalCheckFailedException") return;
      throw error;
    });
  forgetUser(user.subject);
}

/** Writes the record through the running API (PUT /users/{subject}) with an admin's token. */
export async function putUserThroughApi(
  apiUrl: string,
  adminToken: string,
  request: TokenRequest,
): Promise<void> {
  const { subject, active: _active, ...body } = userOf(request);
  const response = await fetch(new URL(`/users/${encodeURIComponent(subject)}`, apiUrl), {
    method: "PUT",
    headers: {
      authorization: `Bearer ${adminToken}`,
      "content-type": "application/json",
      "accept-language": "en",
    },
    body: JSON.stringify(body),
  });
  if (!response.ok) {
    throw new Error(`the API refused the user ${subject} (${response.status}): ${await response.text()}`);
  }
}
