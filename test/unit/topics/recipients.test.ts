import { beforeAll, describe, expect, it } from "vitest";
import { unreachableReason } from "../../../functions/domain/notices/delivery";
import type { Contact } from "../../../functions/registry/contact-responses";
import type { Station } from "../../../functions/registry/responses";
import { type Directory, ladderAddressees } from "../../../functions/topics/recipients";

beforeAll(() => {
  // The county office's name comes from the configuration.
  process.env.TABLE_NAME ??= "unit";
  process.env.COUNTY_NAME = "演示县";
});

const station = (liaison: Station["liaison"]) => ({ id: "01J0STATION", liaison }) as Station;

const contact = (id: string, fields: Partial<Contact>): Contact => ({
  id,
  name: `联系人${id}`,
  role: "other",
  language: "zh-CN",
  digest: false,
  active: true,
  version: 1,
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt: "2026-01-01T00:00:00.000Z",
  ...fields,
});

const leader = contact("L1", {
  name: "联系领导甲",
  role: "liaisonLeader",
  phone: "13700000011",
  email: "l@example.org",
});
const committee = contact("C1", {
  name: "社会和法制委员会",
  role: "specialCommittee",
  phone: "13700000012",
  email: "c@example.org",
  channel: "email",
  language: "en",
});
const office = contact("O1", {
  name: "办公室乙",
  role: "countyOffice",
  email: "o@example.org",
  digest: true,
});
const officeNoContact = contact("O2", { name: "办公室丙", role: "countyOffice" });

function directory(contacts: readonly Contact[]): Directory {
  return {
    contacts: async (ids) => contacts.filter((c) => ids.includes(c.id)),
    activeCountyOffice: async () => contacts.filter((c) => c.role === "countyOffice" && c.active),
  };
}

const empty = directory([]);

describe("the liaison rung of the ladder, for a station that names its liaison", () => {
  it("reaches the liaison leader by SMS, or by e-mail, when the station keeps their contact", async () => {
    const bySms = await ladderAddressees(
      "liaison",
      station({
        leader: "联系县领导乙",
        committee: "社法委",
        phone: "13700000009",
        email: "l@example.gov.cn",
      }),
      empty,
    );
    expect(bySms).toEqual([
      {
        recipient: {
          id: "liaison:01J0STATION",
          name: "联系县领导乙、社法委",
          phone: "13700000009",
          email: "l@example.gov.cn",
        },
        channel: "sms",
      },
    ]);
    const byMail = await ladderAddressees(
      "liaison",
      station({ leader: "乙", committee: "社法委", email: "l@example.gov.cn" }),
      empty,
    );
    expect(byMail.map((a) => a.channel)).toEqual(["email"]);
  });

  it("without a contact, goes only to the inbox (which the sender fails as unreachable)", async () => {
    const nobody = await ladderAddressees("liaison", station({ leader: "乙", committee: "社法委" }), empty);
    expect(nobody.map((a) => a.channel)).toEqual(["inbox"]);
    expect(unreachableReason(nobody[0] ?? { channel: "", recipient: { id: "" } })).toBeDefined();
  });
});

describe("the liaison rung, for a station that references the contacts directory", () => {
  const referencing = station({
    leader: leader.name,
    committee: committee.name,
    leaderContactId: leader.id,
    committeeContactId: committee.id,
  });

  it("tells the leader and the committee each as themselves, on their channel and in their language", async () => {
    const told = await ladderAddressees("liaison", referencing, directory([leader, committee]));
    expect(told).toEqual([
      {
        recipient: {
          id: "contact:L1",
          name: "联系领导甲",
          phone: "13700000011",
          email: "l@example.org",
          language: "zh-CN",
        },
        channel: "sms",
      },
      {
        recipient: {
          id: "contact:C1",
          name: "社会和法制委员会",
          phone: "13700000012",
          email: "c@example.org",
          language: "en",
        },
        channel: "email",
      },
    ]);
  });

  it("falls back to the station's own liaison contact for whoever is not (or no longer) in the directory", async () => {
    const retired = { ...committee, active: false };
    const told = await ladderAddressees(
      "liaison",
      station({ ...referencing.liaison, phone: "13700000009" }),
      directory([leader, retired]),
    );
    expect(told.map((a) => [a.recipient.id, a.recipient.name, a.channel])).toEqual([
      ["contact:L1", "联系领导甲", "sms"],
      ["liaison:01J0STATION", "社会和法制委员会", "sms"],
    ]);
  });

  it("a referenced contact with neither phone nor e-mail gets the inbox: a visible failure, not a member's inbox", async () => {
    const unreachable = { ...leader, phone: undefined, email: undefined };
    const [first] = await ladderAddressees("liaison", referencing, directory([unreachable, committee]));
    expect(first?.recipient.id).toBe("contact:L1");
    expect(first?.channel).toBe("inbox");
    expect(unreachableReason(first ?? { channel: "", recipient: { id: "" } })).toBe("no_contact");
  });
});

describe("the county-office rung", () => {
  it("tells the console's inbox and every active county-office contact on their channel", async () => {
    const told = await ladderAddressees(
      "countyOffice",
      station({ leader: "乙", committee: "社法委" }),
      directory([office, officeNoContact, { ...office, id: "O3", active: false }]),
    );
    expect(told.map((a) => [a.recipient.id, a.channel])).toEqual([
      ["county-office", "inbox"],
      ["contact:O1", "email"],
      ["contact:O2", "inbox"],
    ]);
    expect(told[0]?.recipient.name).toBe("演示县政协办公室");
    // The console's inbox is read by the county office; a contact told only there is not told.
    expect(told.map((a) => unreachableReason(a) !== undefined)).toEqual([false, false, true]);
  });

  it("is the inbox alone when the directory has nobody for the county office", async () => {
    const told = await ladderAddressees(
      "countyOffice",
      station({ leader: "乙", committee: "社法委" }),
      empty,
    );
    expect(told.map((a) => a.recipient.id)).toEqual(["county-office"]);
  });
});
