import { describe, expect, it } from "vitest";
import {
  assertCanChangeStation,
  assertCanSeeMember,
  assertCanSeeStation,
  canSeeStation,
  type Principal,
  requireAdmin,
  requireWriter,
} from "../../../functions/domain/access";
import { ForbiddenError, NotFoundError } from "../../../functions/domain/errors";

const admin: Principal = { subject: "u-admin", role: "admin", stationIds: [], memberId: undefined };
const staff: Principal = {
  subject: "u-staff",
  role: "staff",
  stationIds: ["ST-DONGSHAN", "ST-YINGQIAN"],
  memberId: undefined,
};
const member: Principal = { subject: "u-member", role: "member", stationIds: [], memberId: "M-ZHANG" };

/** Runs `action` and returns what it threw (failing the test if it did not throw). */
function thrown(action: () => void): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to throw");
}

describe("admin", () => {
  it("sees and changes every station and member", () => {
    expect(() => requireAdmin(admin)).not.toThrow();
    expect(() => requireWriter(admin)).not.toThrow();
    expect(canSeeStation(admin, "ST-ANYWHERE")).toBe(true);
    expect(() => assertCanChangeStation(admin, "ST-ANYWHERE")).not.toThrow();
    expect(() => assertCanSeeMember(admin, "M-ANYONE")).not.toThrow();
  });
});

describe("staff", () => {
  it("is not an admin", () => {
    const error = thrown(() => requireAdmin(staff));
    expect(error).toBeInstanceOf(ForbiddenError);
    expect((error as ForbiddenError).reason).toBe("role");
  });

  it("sees and changes its own stations", () => {
    expect(canSeeStation(staff, "ST-DONGSHAN")).toBe(true);
    expect(() => assertCanSeeStation(staff, "ST-YINGQIAN")).not.toThrow();
    expect(() => assertCanChangeStation(staff, "ST-DONGSHAN")).not.toThrow();
  });

  it("gets 'not found' (not 'forbidden') for other stations, so their ids cannot be probed", () => {
    expect(canSeeStation(staff, "ST-SHEXI")).toBe(false);
    for (const action of [
      () => assertCanSeeStation(staff, "ST-SHEXI"),
      () => assertCanChangeStation(staff, "ST-SHEXI"),
    ]) {
      const error = thrown(action);
      expect(error).toBeInstanceOf(NotFoundError);
      expect(error).toMatchObject({ resource: "station", id: "ST-SHEXI" });
    }
  });

  it("does not see a station merely because a member list mentions it", () => {
    expect(canSeeStation(staff, "ST-SHEXI", ["ST-SHEXI"])).toBe(false);
  });

  it("sees any member record", () => {
    expect(() => assertCanSeeMember(staff, "M-ANYONE")).not.toThrow();
  });
});

describe("member", () => {
  it("is read-only: every write is forbidden", () => {
    const writes = [() => requireWriter(member), () => assertCanChangeStation(member, "ST-DONGSHAN")];
    for (const write of writes) {
      const error = thrown(write);
      expect(error).toBeInstanceOf(ForbiddenError);
      expect((error as ForbiddenError).reason).toBe("read_only");
    }
  });

  it("is not an admin", () => {
    expect(thrown(() => requireAdmin(member))).toBeInstanceOf(ForbiddenError);
  });

  it("sees the stations it serves at, and no others", () => {
    expect(canSeeStation(member, "ST-DONGSHAN", ["ST-DONGSHAN"])).toBe(true);
    expect(canSeeStation(member, "ST-DONGSHAN")).toBe(false);
    const error = thrown(() => assertCanSeeStation(member, "ST-SHEXI", ["ST-DONGSHAN"]));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ resource: "station", id: "ST-SHEXI" });
  });

  it("sees its own record; other members do not exist for it", () => {
    expect(() => assertCanSeeMember(member, "M-ZHANG")).not.toThrow();
    const error = thrown(() => assertCanSeeMember(member, "M-LI"));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ resource: "member", id: "M-LI" });
  });

  it("a member account without a member record sees no member", () => {
    const orphan: Principal = { ...member, memberId: undefined };
    expect(thrown(() => assertCanSeeMember(orphan, "M-ZHANG"))).toBeInstanceOf(NotFoundError);
  });
});
