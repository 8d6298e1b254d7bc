import { describe, expect, it } from "vitest";
import { defaultOperationsSettings, operationsFromContext } from "../../infra/operations-settings";
import { SettingsError } from "../../infra/settings-error";

const from = (context: Record<string, string>) => operationsFromContext((key) => context[key]);

describe("operations settings", () => {
  it("default to no alert address, notices kept 400 days, backups 35, DynamoDB's own key", () => {
    expect(from({})).toEqual(defaultOperationsSettings);
    expect(defaultOperationsSettings).toEqual({
      noticeRetentionDays: 400,
      backupRetentionDays: 35,
      tableKey: "aws-managed",
    });
  });

  it("take an alert address, retention periods and a customer-managed key", () => {
    expect(
      from({
        alertEmail: "oncall@example.org",
        noticeRetentionDays: "730",
        backupRetentionDays: "90",
        tableKey: "customer",
      }),
    ).toEqual({
      alertEmail: "oncall@example.org",
      noticeRetentionDays: 730,
      backupRetentionDays: 90,
      tableKey: "customer",
    });
  });

  it("refuse what would not work, saying which setting", () => {
    expect(() => from({ alertEmail: "oncall" })).toThrow(SettingsError);
    expect(() => from({ noticeRetentionDays: "0" })).toThrow(/noticeRetentionDays/);
    expect(() => from({ backupRetentionDays: "1.5" })).toThrow(/backupRetentionDays/);
    expect(() => from({ tableKey: "mine" })).toThrow(/tableKey must be aws-managed or customer/);
  });
});

describe("operations settings from the app's context", () => {
  it("reach the county's settings from -c flags (numbers as text too), and are checked there", async () => {
    const { App } = await import("aws-cdk-lib");
    const { settingsFromContext } = await import("../../infra/settings");
    const fromContext = (context: Record<string, unknown>) => settingsFromContext(new App({ context }).node);
    expect(fromContext({}).operations).toEqual(defaultOperationsSettings);
    expect(
      fromContext({ alertEmail: "oncall@example.org", backupRetentionDays: 90, tableKey: "customer" })
        .operations,
    ).toEqual({
      alertEmail: "oncall@example.org",
      noticeRetentionDays: 400,
      backupRetentionDays: 90,
      tableKey: "customer",
    });
    expect(() => fromContext({ noticeRetentionDays: "forever" })).toThrow(/noticeRetentionDays/);
  });
});
