import { describe, expect, it } from "vitest";
import type { Principal } from "../../../functions/domain/access";
import {
  containsContact,
  maskContact,
  maskContactsIn,
  maySeeMemberContacts,
  maySeeTopicContacts,
} from "../../../functions/domain/registry/privacy";

const admin: Principal = { subject: "a", role: "admin", stationIds: [], memberId: undefined };
const staffOfA: Principal = { subject: "s", role: "staff", stationIds: ["A"], memberId: undefined };
const memberM1: Principal = { subject: "m", role: "member", stationIds: [], memberId: "M1" };

describe("whose contacts a caller may see", () => {
  it("the county office: everyone's", () => {
    expect(maySeeMemberContacts(admin, { id: "M9", stationIds: [] })).toBe(true);
    expect(maySeeTopicContacts(admin, "Z")).toBe(true);
  });

  it("staff: members serving at one of their stations, and their stations' topics", () => {
    expect(maySeeMemberContacts(staffOfA, { id: "M1", stationIds: ["B", "A"] })).toBe(true);
    expect(maySeeMemberContacts(staffOfA, { id: "M2", stationIds: ["B"] })).toBe(false);
    expect(maySeeMemberContacts(staffOfA, { id: "M3" })).toBe(false);
    expect(maySeeTopicContacts(staffOfA, "A")).toBe(true);
    expect(maySeeTopicContacts(staffOfA, "B")).toBe(false);
  });

  it("a member: their own only, never a topic's residents", () => {
    expect(maySeeMemberContacts(memberM1, { id: "M1", stationIds: [] })).toBe(true);
    expect(maySeeMemberContacts(memberM1, { id: "M2", stationIds: ["A"] })).toBe(false);
    expect(maySeeTopicContacts(memberM1, "A")).toBe(false);
  });
});

describe("masking", () => {
  it("keeps the first three and last four digits of a number, the domain of an address", () => {
    expect(maskContact("13800138000")).toBe("138****8000");
    expect(maskContact("+86 138-0013-8000")).toBe("+86****8000");
    expect(maskContact("zhang.san@example.org")).toBe("z***@example.org");
    expect(maskContact("微信号 abc")).toBe("***");
  });

  it("masks every contact field at any depth, and numbers and addresses written into other text", () => {
    const evidence = {
      summary: "居民反映 13800138000 不是字段",
      raisedBy: [{ name: "居民甲", contact: "13800138000" }],
      responses: [{ to: "乙", email: "yi@example.org", phone: "13900139000" }],
    };
    expect(maskContactsIn(evidence)).toEqual({
      summary: "居民反映 138****8000 不是字段",
      raisedBy: [{ name: "居民甲", contact: "138****8000" }],
      responses: [{ to: "乙", email: "y***@example.org", phone: "139****9000" }],
    });
  });

  it("masks a phone or address typed into a name, and leaves ids, dates and other numbers alone", () => {
    expect(maskContactsIn({ name: "居民甲 13900000002" })).toEqual({ name: "居民甲 139****0002" });
    expect(maskContactsIn({ name: "居民乙139-0000-0003" })).toEqual({ name: "居民乙139****0003" });
    expect(maskContactsIn({ name: "居民丙 +86 139 0000 0004" })).toEqual({ name: "居民丙 139****0004" });
    expect(maskContactsIn({ name: "居民丁 ding@example.org" })).toEqual({ name: "居民丁 d***@example.org" });
    const untouched = {
      id: "01KBX13900000002ABCDEFGHJK",
      at: "2026-12-03T15:59:59.999Z",
      count: "1764770000000",
      note: "门牌 13 号，电话 0571-8888-6666",
    };
    expect(maskContactsIn(untouched)).toEqual(untouched);
  });
});

describe("a name with a contact in it", () => {
  it("is told apart from a plain name", () => {
    expect(containsContact("居民甲 13900000002")).toBe(true);
    expect(containsContact("居民甲（139 0000 0002）")).toBe(true);
    expect(containsContact("居民乙 yi@example.org")).toBe(true);
    expect(containsContact("居民甲")).toBe(false);
    expect(containsContact("3号楼居民 12 户")).toBe(false);
    expect(containsContact("委员 1764770000000")).toBe(false);
  });
});
