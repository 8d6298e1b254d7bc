import { describe, expect, it } from "vitest";
import type { Station } from "../../../functions/registry/responses";
import { ladderAddressee } from "../../../functions/topics/recipients";

const station = (liaison: Station["liaison"]) => ({ id: "01J0STATION", liaison }) as Station;

describe("the liaison rung of the ladder", () => {
  it("reaches the liaison leader by SMS, or by e-mail, when the station keeps their contact", async () => {
    const bySms = await ladderAddressee(
      "liaison",
      station({
        leader: "联系县领导乙",
        committee: "社法委",
        phone: "13700000009",
        email: "l@example.gov.cn",
      }),
    );
    expect(bySms).toEqual({
      recipient: {
        id: "liaison:01J0STATION",
        name: "联系县领导乙、社法委",
        phone: "13700000009",
        email: "l@example.gov.cn",
      },
      channel: "sms",
    });
    const byMail = await ladderAddressee(
      "liaison",
      station({ leader: "乙", committee: "社法委", email: "l@example.gov.cn" }),
    );
    expect(byMail?.channel).toBe("email");
  });

  it("without a contact, goes only to the inbox (which the sender fails as unreachable)", async () => {
    const nobody = await ladderAddressee("liaison", station({ leader: "乙", committee: "社法委" }));
    expect(nobody?.channel).toBe("inbox");
  });
});
