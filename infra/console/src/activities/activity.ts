/** An activity as the pages read it: its kind's name and its quarter. */
import type { components } from "../api/schema.generated";
import type { Language } from "../i18n/messages";
import { activityTypeLabels, labelOf } from "../i18n/vocabulary";

export type Activity = components["schemas"]["Activity"];
export type ActivityType = Activity["type"];

/** The kind, or for 自选动作 the activity's own name beside it. */
export function activityName(activity: Pick<Activity, "type" | "label">, language: Language): string {
  const kind = labelOf(activityTypeLabels, activity.type, language);
  return activity.label ? `${kind} · ${activity.label}` : kind;
}

/** The quarter (1–4) of a YYYY-MM-DD date. */
export const quarterOf = (isoDate: string): number => Math.floor((Number(isoDate.slice(5, 7)) - 1) / 3) + 1;
