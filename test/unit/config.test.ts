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
});
