/** Stations (委员工作站) and rooms (委员工作室): their vocabulary and the 六有 standard. */

export const stationKinds = ["station", "room"] as const;
export type StationKind = (typeof stationKinds)[number];

export const stationStatuses = ["preparing", "active", "suspended"] as const;
export type StationStatus = (typeof stationStatuses)[number];

/** Existing venues that host a station — "no new stove" (不另起炉灶). */
export const hostVenueTypes = [
  "civilization-practice-center",
  "party-service-center",
  "governance-center",
  "industry-association",
  "chamber-of-commerce",
  "other",
] as const;
export type HostVenueType = (typeof hostVenueTypes)[number];

/** The "six haves" (六有), in the order the source document lists them. */
export const standardItems = ["venue", "signage", "rules", "process", "activities", "results"] as const;
export type StandardItem = (typeof standardItems)[number];

export interface StandardCheck {
  readonly met: boolean;
  readonly note?: string;
}

export type StandardsChecklist = Readonly<Record<StandardItem, StandardCheck>>;

export interface StandardsAssessment {
  readonly meetsStandard: boolean;
  readonly metCount: number;
  readonly missing: readonly StandardItem[];
}

/** A checklist with every item present; items not yet assessed count as not met. */
export function completeChecklist(
  partial: Partial<Record<StandardItem, StandardCheck>> = {},
): StandardsChecklist {
  const entries = standardItems.map((item) => [item, partial[item] ?? { met: false }] as const);
  return Object.fromEntries(entries) as Record<StandardItem, StandardCheck>;
}

export function assessStandards(checklist: StandardsChecklist): StandardsAssessment {
  const missing = standardItems.filter((item) => !checklist[item].met);
  return { meetsStandard: missing.length === 0, metCount: standardItems.length - missing.length, missing };
}
