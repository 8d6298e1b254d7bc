/**
 * The notice of a step's entry to the person responsible for it, recorded with what enters the step:
 * the registration (收集议题, register.ts), the decision that moves the topic there (decide.ts), or
 * the loop for an entry nobody recorded (a recovery entering afresh; loop/enter-step.ts). Its key
 * names the entry, so the same entry never tells anyone twice.
 */

import { stepStarted } from "../notices/templates/step-notices";
import type { StoredMember } from "../registry/member-view";
import { responsibleFor } from "./plan-step";
import { addresseeOf } from "./recipients";
import { stepNotice } from "./step-notice";
import type { StoredTopic } from "./store/topics";

/** `known`: members read already (by id), so as not to read the responsible again. */
export async function entryNotice(entered: StoredTopic, known?: ReadonlyMap<string, StoredMember>) {
  const addressee = await addresseeOf(responsibleFor(entered, entered.step), known);
  return stepNotice(entered, addressee, {
    template: stepStarted,
    key: `${entered.id}:${entered.stepSeq}:started`,
  });
}
