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

/** A membership is found from the station (PK) and, through GSI1, from the member. */
export const membershipIndexKeys = (stationId: string, memberId: string) => ({
  GSI1PK: `MEMBER#${memberId}`,
  GSI1SK: `STATION#${stationId}`,
});
