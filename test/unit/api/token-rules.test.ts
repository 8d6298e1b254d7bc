import { describe, expect, it } from "vitest";
import { principalOf, type User, userProblems } from "../../../functions/domain/users";
import {
  type IdentityRules,
  listClaim,
  readIdentityRules,
  tokenProblem,
  tokenUseOf,
} from "../../../functions/kernel/identity/token-rules";

const rules = (change: Partial<IdentityRules> = {}): IdentityRules => ({
  audiences: ["client-1"],
  tokenUse: "id",
  bootstrapAdmins: [],
  ...change,
});

describe("a token's audience and use", () => {
  it("accepts a token for this API in `aud`, as API Gateway passes a list or one value", () => {
    expect(tokenProblem({ sub: "u", aud: "client-1", token_use: "id" }, rules())).toBeUndefined();
    expect(tokenProblem({ sub: "u", aud: "[other client-1]", token_use: "id" }, rules())).toBeUndefined();
    expect(tokenProblem({ sub: "u", aud: ["client-1"] }, rules())).toBeUndefined();
  });

  it("accepts an access token's `client_id` in place of `aud`", () => {
    const claims = { sub: "u", client_id: "client-1", token_use: "access" };
    expect(tokenProblem(claims, rules({ tokenUse: "access" }))).toBeUndefined();
  });

  it("refuses a token for another audience, or with none", () => {
    expect(tokenProblem({ sub: "u", aud: "someone-else", token_use: "id" }, rules())).toBe("audience");
    expect(tokenProblem({ sub: "u", token_use: "id" }, rules())).toBe("audience");
  });

  it("refuses an access token where ID tokens are configured, and the other way round", () => {
    expect(tokenProblem({ sub: "u", aud: "client-1", token_use: "access" }, rules())).toBe("token_use");
    const id = { sub: "u", client_id: "client-1", token_use: "id" };
    expect(tokenProblem(id, rules({ tokenUse: "access" }))).toBe("token_use");
  });

  it("reads Keycloak's `typ` where there is no `token_use`; an issuer that says neither is judged by audience", () => {
    expect(tokenUseOf({ typ: "ID" })).toBe("id");
    expect(tokenUseOf({ typ: "Bearer" })).toBe("access");
    expect(tokenUseOf({})).toBeUndefined();
    expect(tokenProblem({ sub: "u", aud: "client-1", typ: "Bearer" }, rules())).toBe("token_use");
    expect(tokenProblem({ sub: "u", aud: "client-1" }, rules())).toBeUndefined();
  });

  it("checks nothing beyond the gateway when no audience or use is configured", () => {
    expect(
      tokenProblem(
        { sub: "u", aud: "x", token_use: "access" },
        rules({ audiences: [], tokenUse: undefined }),
      ),
    ).toBeUndefined();
  });

  it("reads the settings from the environment and refuses an unknown token use", () => {
    expect(
      readIdentityRules({ IDENTITY_AUDIENCE: " a, b ", IDENTITY_TOKEN_USE: "access", BOOTSTRAP_ADMINS: "x" }),
    ).toEqual({
      audiences: ["a", "b"],
      tokenUse: "access",
      bootstrapAdmins: ["x"],
    });
    expect(() => readIdentityRules({ IDENTITY_TOKEN_USE: "refresh" })).toThrow(
      /IDENTITY_TOKEN_USE must be id or access/,
    );
  });

  it("reads list claims as API Gateway writes them", () => {
    expect(listClaim("[a b]")).toEqual(["a", "b"]);
    expect(listClaim("a")).toEqual(["a"]);
    expect(listClaim(undefined)).toEqual([]);
  });
});

describe("a user record", () => {
  const user: User = {
    subject: "u-1",
    role: "staff",
    stationIds: ["S1", "S2"],
    name: "王科员",
    active: true,
    version: 1,
    createdAt: "2026-01-01T00:00:00.000Z",
    updatedAt: "2026-01-01T00:00:00.000Z",
  };

  it("is the caller: role, stations and name from the record", () => {
    expect(principalOf(user)).toEqual({
      subject: "u-1",
      role: "staff",
      stationIds: ["S1", "S2"],
      memberId: undefined,
      name: "王科员",
    });
  });

  it("needs what its role needs, each problem naming its field", () => {
    expect(userProblems({ role: "staff", stationIds: [] }).map((p) => [p.field, p.code])).toEqual([
      ["stationIds", "staff_needs_station"],
    ]);
    expect(userProblems({ role: "member", stationIds: [] }).map((p) => p.field)).toEqual(["memberId"]);
    expect(userProblems({ role: "admin", stationIds: ["S1"] }).map((p) => p.code)).toEqual([
      "stations_only_for_staff",
    ]);
    expect(userProblems({ role: "member", stationIds: [], memberId: "M1" })).toEqual([]);
  });
});
