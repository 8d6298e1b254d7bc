/**
 * Inviting a member to serve at a station (委员下沉) or to take part in one topic. An invitation is
 * answered by the member alone; one that waits past its expiry is expired, whatever the table says,
 * so that expiry needs no scheduled job.
 */

export const invitationStatuses = ["pending", "accepted", "declined", "withdrawn", "expired"] as const;
export type InvitationStatus = (typeof invitationStatuses)[number];

/** What the table holds: `expired` is never stored, it is read from `expiresAt`. */
export type StoredStatus = Exclude<InvitationStatus, "expired">;

const dayMs = 86_400_000;

export function expiryOf(createdAt: Date, days: number): Date {
  return new Date(createdAt.getTime() + days * dayMs);
}

/** The status as of `now`: a pending invitation past its expiry is expired. */
export function statusAt(
  invitation: { readonly status: StoredStatus; readonly expiresAt: string },
  now: Date,
): InvitationStatus {
  if (invitation.status === "pending" && now.getTime() >= Date.parse(invitation.expiresAt)) return "expired";
  return invitation.status;
}

/** How an answer or a withdrawal changes a pending invitation. */
export type InvitationAnswer = "accepted" | "declined" | "withdrawn";
