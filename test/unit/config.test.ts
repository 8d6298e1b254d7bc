import { describe, expect, it } from "vitest";
import { ConfigurationError, readConfig } from "../../functions/kernel/config";

describe("readConfig", () => {
  it("reads the county's settings with their defaults", () => {
    const config = readConfig({ TABLE_NAME: "t" });
    expect(config).toMatchObject({ tableName: "t", timeZone: "Asia/Shanghai", defaultLanguage: "zh-CN" });
  });

  it("fails loudly at init on a missing table or a time zone that does not exist", () => {
    expect(() => readConfig({})).toThrow(ConfigurationError);
    expect(() => readConfig({ TABLE_NAME: "t", COUNTY_TIME_ZONE: "Asia/Shangai" })).toThrow(
      /COUNTY_TIME_ZONE/,
    );
    expect(readConfig({ TABLE_NAME: "t", COUNTY_TIME_ZONE: "Asia/Urumqi" }).timeZone).toBe("Asia/Urumqi");
  });

  it("gives a member INVITATION_DAYS (default 14) to answer an invitation, a whole number of days", () => {
    expect(readConfig({ TABLE_NAME: "t" }).invitationDays).toBe(14);
    expect(readConfig({ TABLE_NAME: "t", INVITATION_DAYS: "30" }).invitationDays).toBe(30);
    for (const days of ["0", "-3", "1.5", "two weeks"])
      expect(() => readConfig({ TABLE_NAME: "t", INVITATION_DAYS: days })).toThrow(/INVITATION_DAYS/);
  });
});
