/** Key shapes of every item in the table (see docs/architecture.md for the full access-pattern table). */

export const stationKey = (stationId: string) => ({ PK: `STATION#${stationId}`, SK: "META" });
export const memberKey = (memberId: string) => ({ PK: `MEMBER#${memberId}`, SK: "META" });
export const membershipKey = (stationId: string, memberId: string) => ({
  PK: `STATION#${stationId}`,
  SK: `MEMBER#${memberId}`,
});
/** Uniqueness guards: one station per name, one member per mobile number. */
export const stationNameKey = (name: string) => ({ PK: `UNIQUE#STATION_NAME#${name}`, SK: "GUARD" });
export const memberPhoneKey = (phone: string) => ({ PK: `UNIQUE#MEMBER_PHONE#${phone}`, SK: "GUARD" });

export const collections = {
  stations: "STATIONS",
  members: "MEMBERS",
  topics: "TOPICS",
  contacts: "CONTACTS",
  users: "USERS",
} as const;

export const stationIndexKeys = (stationId: string, zone: string) => ({
  GSI1PK: collections.stations,
  GSI1SK: `STATION#${stationId}`,
  GSI2PK: `ZONE#${zone}`,
  GSI2SK: `STATION#${stationId}`,
});

export const memberIndexKeys = (memberId: string, sector: string) => ({
  GSI1PK: collections.members,
  GSI1SK: `MEMBER#${memberId}`,
  GSI2PK: `SECTOR#${sector}`,
  GSI2SK: `MEMBER#${memberId}`,
});

/** The contacts directory (通讯录): every contact (GSI1), and those of one role (GSI2). */
export const contactKey = (contactId: string) => ({ PK: `CONTACT#${contactId}`, SK: "META" });
export const contactsWithRole = (role: string) => `CONTACTS#ROLE#${role}`;
export const contactIndexKeys = (contactId: string, role: string) => ({
  GSI1PK: collections.contacts,
  GSI1SK: `CONTACT#${contactId}`,
  GSI2PK: contactsWithRole(role),
  GSI2SK: `CONTACT#${contactId}`,
});

/**
 * Users who may sign in (decision 0024), by the token's subject; every user (GSI1) and those of one
 * role (GSI2), for the county office's list.
 */
export const userKey = (subject: string) => ({ PK: `USER#${subject}`, SK: "META" });
export const usersWithRole = (role: string) => `USERS#ROLE#${role}`;
export const userIndexKeys = (subject: string, role: string) => ({
  GSI1PK: collections.users,
  GSI1SK: `USER#${subject}`,
  GSI2PK: usersWithRole(role),
  GSI2SK: `USER#${subject}`,
});

/**
 * What a member reaches, one GSI1 partition: the stations they serve at (`STATION#<id>`) and the
 * topics they take part in by invitation (`TOPIC#<id>`). One Query reads both (decision 0024 addendum).
 */
export const memberReach = (memberId: string) => `MEMBER#${memberId}`;
export const reachedStation = (stationId: string) => `STATION#${stationId}`;
export const reachedTopic = (topicId: string) => `TOPIC#${topicId}`;

/** A membership is found from the station (PK) and, through GSI1, from the member. */
export const membershipIndexKeys = (stationId: string, memberId: string) => ({
  GSI1PK: memberReach(memberId),
  GSI1SK: reachedStation(stationId),
});

/** Notifications: one item each, a guard per idempotency key, found by topic (GSI1) and recipient (GSI2). */
export const notificationKey = (id: string) => ({ PK: `NOTE#${id}`, SK: "META" });
export const notificationGuardKey = (idempotencyKey: string) => ({
  PK: `UNIQUE#NOTE#${idempotencyKey}`,
  SK: "GUARD",
});
export const notificationsOfTopic = (topicId: string | undefined) => `NOTES#TOPIC#${topicId ?? "-"}`;
export const notificationsOfRecipient = (recipientId: string) => `NOTES#RECIPIENT#${recipientId}`;
export const notificationIndexKeys = (id: string, topicId: string | undefined, recipientId: string) => ({
  GSI1PK: notificationsOfTopic(topicId),
  GSI1SK: `NOTE#${id}`,
  GSI2PK: notificationsOfRecipient(recipientId),
  GSI2SK: `NOTE#${id}`,
});
/** The states a notice waits in, or failed in: the notices' work queue (GSI3) holds those alone. */
export const queuedNoticeStates = ["queued", "held", "sending", "failed"] as const;
export type QueuedNoticeState = (typeof queuedNoticeStates)[number];
export const noticesInState = (status: QueuedNoticeState) => `NOTES#STATE#${status}`;
/**
 * A notice's place in the work queue: its state, then when it is next due (a retry's or quiet
 * hours' end, a claim's end; none: due now), its id last. Sent and folded notices have none.
 */
export const noticeQueueKeys = (id: string, status: QueuedNoticeState, dueAt: string | undefined) => ({
  GSI3PK: noticesInState(status),
  GSI3SK: `${dueAt ?? ""}#${id}`,
});
/** Cost protection's counters (decision 0019): a recipient's SMS of a county day, the county's SMS of a minute. */
export const smsDailyCountKey = (recipientId: string, day: string) => ({
  PK: `COUNT#SMS#${recipientId}`,
  SK: day,
});
export const smsMinuteCountKey = (minute: string) => ({ PK: "COUNT#SMS_RATE", SK: minute });

/**
 * A station's tally of a year (decision 0020), in the station's partition; all tallies of a year are
 * one collection (GSI1), which the quarterly check pages through without reading any activity.
 */
export const stationTallyKey = (stationId: string, year: number) => ({
  PK: `STATION#${stationId}`,
  SK: `TALLY#${year}`,
});
export const talliesOfYear = (year: number) => `TALLIES#${year}`;
export const stationTallyIndexKeys = (stationId: string, year: number) => ({
  GSI1PK: talliesOfYear(year),
  GSI1SK: `STATION#${stationId}`,
});
/** A member's activities attended in a year. */
export const memberAttendanceKey = (memberId: string, year: number) => ({
  PK: `MEMBER#${memberId}`,
  SK: `ATTENDANCE#${year}`,
});

/** Topics: the topic, its timeline events (ordered by sequence number), in the topic's partition. */
export const topicKey = (topicId: string) => ({ PK: `TOPIC#${topicId}`, SK: "META" });
export const topicEventKey = (topicId: string, seq: number) => ({
  PK: `TOPIC#${topicId}`,
  SK: `EVENT#${String(seq).padStart(6, "0")}`,
});
export const topicsOfStation = (stationId: string) => `STATION#${stationId}#TOPICS`;
export const topicIndexKeys = (topicId: string, stationId: string) => ({
  GSI1PK: collections.topics,
  GSI1SK: `TOPIC#${topicId}`,
  GSI2PK: topicsOfStation(stationId),
  GSI2SK: `TOPIC#${topicId}`,
});

/** Holiday calendars an admin uploaded, one item per year, all in one partition. */
export const calendarPartition = "CALENDAR";
export const calendarKey = (year: number) => ({ PK: calendarPartition, SK: String(year) });

/**
 * Invitations: one item each, found by station (GSI1) and by member (GSI2); a guard per station,
 * member and topic keeps one pending invitation at a time (it lapses with the invitation's expiry).
 */
export const invitationKey = (invitationId: string) => ({ PK: `INVITATION#${invitationId}`, SK: "META" });
export const invitationsOfStation = (stationId: string) => `STATION#${stationId}#INVITATIONS`;
export const invitationsOfMember = (memberId: string) => `MEMBER#${memberId}#INVITATIONS`;
export const invitationIndexKeys = (invitationId: string, stationId: string, memberId: string) => ({
  GSI1PK: invitationsOfStation(stationId),
  GSI1SK: `INVITATION#${invitationId}`,
  GSI2PK: invitationsOfMember(memberId),
  GSI2SK: `INVITATION#${invitationId}`,
});
export const pendingInvitationKey = (stationId: string, memberId: string, topicId: string | undefined) => ({
  PK: `UNIQUE#INVITATION#${stationId}#${memberId}#${topicId ?? "-"}`,
  SK: "GUARD",
});

/**
 * A member who accepted an invitation to one topic's activities: in the topic's partition, and in
 * the member's reach (GSI1), so that the topics a member may read are one Query away.
 */
export const topicParticipantKey = (topicId: string, memberId: string) => ({
  PK: `TOPIC#${topicId}`,
  SK: `PARTICIPANT#${memberId}`,
});
export const topicParticipantIndexKeys = (topicId: string, memberId: string) => ({
  GSI1PK: memberReach(memberId),
  GSI1SK: reachedTopic(topicId),
});

// —— Activities and the duty roster (issue #12, decision 0020) ——
/**
 * An activity, with its audit lines (who changed what, and why) in its partition; a station's
 * activities by date (GSI1). A withdrawn activity stays as a tombstone, out of the station's list.
 */
export const activityKey = (activityId: string) => ({ PK: `ACTIVITY#${activityId}`, SK: "META" });
export const activityEventKey = (activityId: string, seq: number) => ({
  PK: `ACTIVITY#${activityId}`,
  SK: `EVENT#${String(seq).padStart(6, "0")}`,
});
export const activitiesOfStation = (stationId: string) => `STATION#${stationId}#ACTIVITIES`;
export const activityIndexKeys = (activityId: string, stationId: string, date: string) => ({
  GSI1PK: activitiesOfStation(stationId),
  GSI1SK: `ACT#${date}#${activityId}`,
});
/**
 * A duty shift: a station's shifts by date (GSI1); the planned ones of every station by date (GSI2,
 * sparse: a shift leaves it once recorded, missed or cancelled), which the daily roster run reads.
 */
export const dutyShiftKey = (shiftId: string) => ({ PK: `SHIFT#${shiftId}`, SK: "META" });
export const shiftsOfStation = (stationId: string) => `STATION#${stationId}#SHIFTS`;
/** One member's shift at one station on one day: a guard item, so that no member is planned twice a day. */
export const memberDutyDayKey = (stationId: string, date: string, memberId: string) => ({
  PK: `DUTYDAY#${stationId}#${date}#${memberId}`,
  SK: "META",
});
export const plannedShifts = "SHIFTS#PLANNED";
/** Where planned shifts dated `date` (YYYY-MM-DD) and later begin in the planned-shifts index. */
export const plannedShiftsFrom = (date: string) => `SHIFT#${date}#`;
export const dutyShiftIndexKeys = (shiftId: string, stationId: string, date: string, planned: boolean) => ({
  GSI1PK: shiftsOfStation(stationId),
  GSI1SK: `SHIFT#${date}#${shiftId}`,
  ...(planned ? { GSI2PK: plannedShifts, GSI2SK: `SHIFT#${date}#${shiftId}` } : {}),
});

// ── 社情民意 items (decision 0020, opinions) ──────────────────────────────────
/** A public-opinion item: its own partition (read by id); a station's items by year and date (GSI1). */
export const opinionKey = (opinionId: string) => ({ PK: `OPINION#${opinionId}`, SK: "META" });
export const opinionsOfStation = (stationId: string) => `STATION#${stationId}#OPINIONS`;
export const opinionIndexKeys = (opinionId: string, stationId: string, receivedOn: string) => ({
  GSI1PK: opinionsOfStation(stationId),
  GSI1SK: `OPINION#${receivedOn}#${opinionId}`,
});
