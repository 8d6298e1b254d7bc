import { describe, expect, it } from "vitest";
import { claimNames } from "../../../functions/kernel/http/claims";
import { principalFromClaims } from "../../../functions/kernel/http/principal";

describe("principalFromClaims", () => {
  it("reads API Gateway's list string '[admin staff]' and takes the strongest role", () => {
    expect(principalFromClaims({ sub: "u-1", "cognito:groups": "[admin staff]" })).toEqual({
      subject: "u-1",
      role: "admin",
      stationIds: [],
      memberId: undefined,
    });
    expect(principalFromClaims({ sub: "u-1", "cognito:groups": "[member staff]" })?.role).toBe("staff");
  });

  it("carries the person's name (or e-mail) for the timeline's 'who', when the token has one", () => {
    const groups = { sub: "u-1", "cognito:groups": "[staff]" };
    expect(principalFromClaims({ ...groups, name: " 王科员 " })?.name).toBe("王科员");
    expect(principalFromClaims({ ...groups, email: "wang@example.org" })?.name).toBe("wang@example.org");
    expect(principalFromClaims(groups)).not.toHaveProperty("name");
  });

  it("reads a group list given as a real array, or as a single bare name", () => {
    expect(principalFromClaims({ sub: "u-1", "cognito:groups": ["member"] })?.role).toBe("member");
    expect(principalFromClaims({ sub: "u-1", "cognito:groups": "staff" })?.role).toBe("staff");
    expect(principalFromClaims({ sub: "u-1", "cognito:groups": "[ staff ]" })?.role).toBe("staff");
  });

  it("gives staff the stations listed in the token, comma- or space-separated", () => {
    const staff = principalFromClaims({
      sub: "u-2",
      "cognito:groups": "[staff]",
      "custom:stationIds": "01HZX0000000000000000000AA, 01HZX0000000000000000000BB",
    });
    expect(staff).toEqual({
      subject: "u-2",
      role: "staff",
      stationIds: ["01HZX0000000000000000000AA", "01HZX0000000000000000000BB"],
      memberId: undefined,
    });
    expect(
      principalFromClaims({ sub: "u-2", "cognito:groups": "[staff]", "custom:stationIds": "[A B]" })
        ?.stationIds,
    ).toEqual(["A", "B"]);
    expect(
      principalFromClaims({ sub: "u-2", "cognito:groups": "[staff]", "custom:stationIds": ["A", "B"] })
        ?.stationIds,
    ).toEqual(["A", "B"]);
  });

  it("staff without stations in the token runs no station", () => {
    expect(principalFromClaims({ sub: "u-2", "cognito:groups": "[staff]" })?.stationIds).toEqual([]);
    expect(
      principalFromClaims({ sub: "u-2", "cognito:groups": "[staff]", "custom:stationIds": "" })?.stationIds,
    ).toEqual([]);
  });

  it("station ids in an admin's or member's token give no station rights", () => {
    expect(
      principalFromClaims({ sub: "u", "cognito:groups": "[admin]", "custom:stationIds": "A" })?.stationIds,
    ).toEqual([]);
    expect(
      principalFromClaims({ sub: "u", "cognito:groups": "[member]", "custom:stationIds": "A" })?.stationIds,
    ).toEqual([]);
  });

  it("a member user carries its member record id", () => {
    expect(
      principalFromClaims({
        sub: "u-3",
        "cognito:groups": "[member]",
        "custom:memberId": " 01HZX0000000000000000000MM ",
      }),
    ).toEqual({ subject: "u-3", role: "member", stationIds: [], memberId: "01HZX0000000000000000000MM" });
    expect(
      principalFromClaims({ sub: "u-3", "cognito:groups": "[member]", "custom:memberId": "" })?.memberId,
    ).toBeUndefined();
  });

  it("no principal without a known group", () => {
    expect(principalFromClaims({ sub: "u-4" })).toBeUndefined();
    expect(principalFromClaims({ sub: "u-4", "cognito:groups": "[]" })).toBeUndefined();
    expect(principalFromClaims({ sub: "u-4", "cognito:groups": "[guest visitors]" })).toBeUndefined();
    // Group names are exact: "administrators" is not "admin".
    expect(principalFromClaims({ sub: "u-4", "cognito:groups": "[administrators]" })).toBeUndefined();
  });

  it("no principal without a subject", () => {
    expect(principalFromClaims({ "cognito:groups": "[admin]" })).toBeUndefined();
    expect(principalFromClaims({ sub: "  ", "cognito:groups": "[admin]" })).toBeUndefined();
    expect(principalFromClaims({ sub: ["u-5"], "cognito:groups": "[admin]" })).toBeUndefined();
  });

  it("uses the claim names the token issuer writes", () => {
    expect(claimNames).toMatchObject({
      subject: "sub",
      groups: "cognito:groups",
      stationIds: "custom:stationIds",
      memberId: "custom:memberId",
    });
  });
});
