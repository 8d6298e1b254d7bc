import { describe, expect, it } from "vitest";
import { contactReachProblems } from "../../../functions/domain/registry/contacts";

describe("a directory contact's preferences", () => {
  it("are honoured only when they can be: SMS needs a phone, e-mail and the digest an address", () => {
    expect(contactReachProblems({ channel: "sms", digest: false })).toEqual([
      expect.objectContaining({ field: "channel", code: "channel_without_contact" }),
    ]);
    expect(contactReachProblems({ channel: "email", phone: "13700000001", digest: true })).toEqual([
      expect.objectContaining({ field: "channel", code: "channel_without_contact" }),
      expect.objectContaining({ field: "digest", code: "digest_without_email" }),
    ]);
    expect(contactReachProblems({ channel: "email", email: "a@example.org", digest: true })).toEqual([]);
  });

  it("allow a contact with neither phone nor e-mail (notices to them fail visibly)", () => {
    expect(contactReachProblems({ digest: false })).toEqual([]);
  });
});
