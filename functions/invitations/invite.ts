/**
 * The use cases of invitations: a station invites a member (and the member is told), the member
 * answers, the station withdraws. Who may act on which invitation is decided here, not in the store.
 */
import type { Principal } from "../domain/access";
import { assertCanChangeStation } from "../domain/access";
import { NotFoundError } from "../domain/errors";
import { expiryOf, type InvitationAnswer } from "../domain/invitations/invitations";
import { localDateTime } from "../domain/local-time";
import { clock } from "../kernel/clock";
import { config } from "../kernel/config";
import { newId } from "../kernel/ids";
import { memberAddressee, type Notifier } from "../notices/notifier";
import { invitation as invitationNotice } from "../notices/templates/invitation-notices";
import type { StoredMember } from "../registry/member-view";
import type { Station } from "../registry/responses";
import { actorOf } from "../registry/store/history";
import { getMember } from "../registry/store/members";
import { getStation } from "../registry/store/stations";
import type { InvitationCreate } from "./contracts";
import type { Invitation } from "./responses";
import {
  closeInvitation,
  createInvitation,
  findInvitation,
  invitedTopic,
  presentInvitation,
  type StoredInvitation,
} from "./store";

export async function invite(
  principal: Principal,
  stationId: string,
  input: InvitationCreate,
  notifier: Notifier,
): Promise<Invitation> {
  // Staff invite to their own stations only; any other station does not exist for them.
  assertCanChangeStation(principal, stationId);
  const [station, member, topic] = await Promise.all([
    getStation(stationId),
    getMember(input.memberId),
    input.topicId ? invitedTopic(input.topicId, stationId) : undefined,
  ]);
  const now = clock().now();
  const invitation: StoredInvitation = {
    id: newId(now.getTime()),
    stationId,
    stationName: station.name,
    memberId: member.id,
    memberName: member.name,
    ...(input.topicId && topic ? { topicId: input.topicId, topicTitle: topic.title } : {}),
    ...(input.note ? { note: input.note } : {}),
    status: "pending",
    invitedBy: actorOf(principal),
    createdAt: now.toISOString(),
    expiresAt: expiryOf(now, config().invitationDays).toISOString(),
  };
  await createInvitation(invitation);
  await tellMember(invitation, member, station, notifier);
  return presentInvitation(invitation, now);
}

async function tellMember(
  invitation: StoredInvitation,
  member: StoredMember,
  station: Station,
  notifier: Notifier,
): Promise<void> {
  const { recipient, channel } = memberAddressee(member);
  const english = member.preferences.language === "en";
  const note = invitation.note ? (english ? `Note: ${invitation.note} ` : `附言：${invitation.note}。`) : "";
  await notifier.send({
    recipient,
    channel,
    template: invitationNotice,
    variables: {
      recipientName: member.name,
      inviterName: invitation.invitedBy.name ?? station.name,
      stationName: station.name,
      purpose: invitation.topicId
        ? `参加${station.name}议题“${invitation.topicTitle ?? ""}”的活动`
        : `下沉到${station.name}联系服务群众`,
      purposeEn: invitation.topicId
        ? `to take part in the topic "${invitation.topicTitle ?? ""}" at ${station.name}`
        : `to serve at ${station.name}`,
      note,
      expiresAt: localDateTime(invitation.expiresAt, config().timeZone),
    },
    idempotencyKey: `invitation:${invitation.id}`,
    ...(invitation.topicId ? { topicId: invitation.topicId } : {}),
  });
}

/** The member answers their own invitation; anyone else's does not exist for them. */
export async function answer(
  principal: Principal,
  invitationId: string,
  reply: Extract<InvitationAnswer, "accepted" | "declined">,
  note: string | undefined,
): Promise<Invitation> {
  const invitation = await findInvitation(invitationId);
  if (!invitation || principal.role !== "member" || invitation.memberId !== principal.memberId)
    throw new NotFoundError("invitation", invitationId);
  const now = clock().now();
  return presentInvitation(
    await closeInvitation(invitation, reply, { actor: actorOf(principal), note }, now),
    now,
  );
}

/** The station (its staff, or the county office) takes back a pending invitation. */
export async function withdraw(
  principal: Principal,
  invitationId: string,
  note: string | undefined,
): Promise<Invitation> {
  const invitation = await findInvitation(invitationId);
  if (!invitation || (principal.role === "staff" && !principal.stationIds.includes(invitation.stationId)))
    throw new NotFoundError("invitation", invitationId);
  const now = clock().now();
  return presentInvitation(
    await closeInvitation(invitation, "withdrawn", { actor: actorOf(principal), note }, now),
    now,
  );
}
