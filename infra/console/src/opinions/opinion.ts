/** A 社情民意 item as the pages read it, and its status's colour. */
import type { components } from "../api/schema.generated";
import { type Tone, tone } from "../patterns/tone";

export type Opinion = components["schemas"]["Opinion"];
export type OpinionStatus = Opinion["status"];

const tones: Record<OpinionStatus, Tone> = {
  received: "default",
  reported: "processing",
  adopted: "success",
  not_adopted: "warning",
};

export const statusTone = (status: OpinionStatus) => tone(tones[status]);
