/**
 * The notice of a step's entry to the person responsible for it. The decision that moves a topic to
 * a step records it with the decision (decide.ts); an entry nobody decided (a registration, a
 * recovery) records it when the loop enters the step (loop/enter-step.ts). Its key names the entry,
 * so the same entry never tells anyone twice.
 */
import { stepStarted } from "../notices/templates/step-notices";
import { responsibleFor } from "./plan-step";
import { addresseeOf } from "./recipients";
import { stepNotice } from "./step-notice";
import type { StoredTopic } from "./store/topics";

export async function entryNotice(entered: StoredTopic) {
  const addressee = await addresseeOf(responsibleFor(entered, entered.step));
  return stepNotice(entered, addressee, {
    template: stepStarted,
    key: `${entered.id}:${entered.stepSeq}:started`,
  });
}
