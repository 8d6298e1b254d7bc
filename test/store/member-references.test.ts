/**
 * An activity's or a step's evidence may name only registered members. The check remembers the
 * members it has seen registered (none is ever deleted), never one it found missing.
 */

import { PutItemCommand } from "@aws-sdk/client-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { unknownMemberProblems } from "../../functions/activities/references";
import { newId } from "../../functions/kernel/ids";
import { dynamodb, tableName } from "../../functions/kernel/table/client";
import { toItem } from "../../functions/kernel/table/items";
import { memberKey } from "../../functions/kernel/table/keys";
import { createMember } from "../../functions/registry/store/members";
import { memberInput, newPhone, useFreshTable } from "./fixtures";

beforeAll(async () => {
  await useFreshTable("store-member-references");
});

describe("members named as present", () => {
  it("refuses each one not registered, by position, beside those who are", async () => {
    const member = await createMember(memberInput({ phone: newPhone() }));
    const stranger = newId();
    const problems = await unknownMemberProblems([member.id, stranger]);
    expect(problems).toEqual([
      { field: "memberIds.1", code: "not_found", message: "member_unknown", params: { id: stranger } },
    ]);
    // Asked again, with the first one remembered: the same answer.
    expect(await unknownMemberProblems([member.id, stranger])).toEqual(problems);
  });

  it("accepts a member once registered, though refused before", async () => {
    const member = await createMember(memberInput({ phone: newPhone() }));
    // The same member as if their record had not been written yet when first named.
    const { id, ...record } = member;
    const later = { ...record, id: newId() };
    expect(await unknownMemberProblems([later.id])).toHaveLength(1);
    await dynamodb().send(
      new PutItemCommand({ TableName: tableName(), Item: toItem(later, memberKey(later.id), "member") }),
    );
    expect(await unknownMemberProblems([later.id])).toEqual([]);
    expect(await unknownMemberProblems([id])).toEqual([]);
  });
});
