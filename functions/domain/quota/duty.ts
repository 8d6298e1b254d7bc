/**
 * The duty roster (委员值班): a station plans shifts, a date and a member each; the member is reminded
 * the day before; a shift recorded (check-in) becomes a duty activity; one still unrecorded once its
 * day is over is a no-show, and the station is told. Pure rules; the activities part applies them.
 */

export const shiftStatuses = ["planned", "recorded", "no_show", "cancelled"] as const;
export type ShiftStatus = (typeof shiftStatuses)[number];

export const shiftStatusLabels: Readonly<Record<ShiftStatus, { "zh-CN": string; en: string }>> = {
  planned: { "zh-CN": "已排班", en: "Planned" },
  recorded: { "zh-CN": "已值班", en: "Recorded" },
  no_show: { "zh-CN": "未到岗", en: "No-show" },
  cancelled: { "zh-CN": "已取消", en: "Cancelled" },
};

/** A shift may be recorded while planned, or late, once marked a no-show; never twice, never cancelled. */
export const canRecord = (status: ShiftStatus): boolean => status === "planned" || status === "no_show";

export interface RosterShift {
  readonly id: string;
  readonly date: string;
  readonly status: ShiftStatus;
}

/** What the daily roster run does on county date `today`: whom to remind, which shifts were missed. */
export function rosterDue<S extends RosterShift>(
  shifts: readonly S[],
  today: string,
  tomorrow: string,
): { readonly remind: S[]; readonly noShows: S[] } {
  const planned = shifts.filter((shift) => shift.status === "planned");
  return {
    remind: planned.filter((shift) => shift.date === tomorrow),
    noShows: planned.filter((shift) => shift.date < today),
  };
}
