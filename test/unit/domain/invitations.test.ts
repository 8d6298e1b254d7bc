import { describe, expect, it } from "vitest";
import { expiryOf, statusAt } from "../../../functions/domain/invitations/invitations";

describe("invitation expiry", () => {
  const created = new Date("2026-12-01T02:00:00Z");
  const expiresAt = expiryOf(created, 14).toISOString();

  it("expires the given number of days after it was sent", () => {
    expect(expiresAt).toBe("2026-12-15T02:00:00.000Z");
  });

  it("reads a pending invitation as expired from its expiry on, and leaves an answered one alone", () => {
    expect(statusAt({ status: "pending", expiresAt }, new Date("2026-12-15T01:59:59Z"))).toBe("pending");
    expect(statusAt({ status: "pending", expiresAt }, new Date("2026-12-15T02:00:00Z"))).toBe("expired");
    expect(statusAt({ status: "accepted", expiresAt }, new Date("2027-01-01T00:00:00Z"))).toBe("accepted");
  });
});
