import { describe, expect, it } from "vitest";
import { logScopeFields, withLogScope, withOwnLogScope } from "../../functions/kernel/log";

describe("log scopes", () => {
  it("nested scopes add to the outer one", () => {
    const fields = withLogScope({ requestId: "r1", route: "POST /topics" }, () =>
      withLogScope({ topicId: "t1" }, () => logScopeFields()),
    );
    expect(fields).toEqual({ requestId: "r1", route: "POST /topics", topicId: "t1" });
  });

  it("work a request only set going runs in a scope of its own, without the request's id or route", async () => {
    const fields = await withLogScope({ requestId: "r1", route: "POST /topics" }, () =>
      withOwnLogScope({ task: "deliverNotice", notificationId: "n1" }, async () => logScopeFields()),
    );
    expect(fields).toEqual({ task: "deliverNotice", notificationId: "n1" });
  });
});
