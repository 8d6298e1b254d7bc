/**
 * Lambda entry: what a station does through the year (decision 0020) — activities, the duty roster,
 * 社情民意 items, the year's plan, and the "4+X" quota with its quarterly check.
 */
import { activityOperations } from "./activities/operations/activity-operations";
import { dutyOperations } from "./activities/operations/duty-operations";
import { evaluationOperations } from "./activities/operations/evaluation-operations";
import { opinionOperations } from "./activities/operations/opinion-operations";
import { quotaOperations } from "./activities/operations/quota-operations";
import { createApiHandler } from "./kernel/http/api-handler";
// The messages its operations can answer with, beyond the kernel's (kernel/http/messages.ts).
import "./activities/messages/activities";
import "./activities/messages/records";
import "./registry/messages/fields";
import "./topics/messages/intake";

export const handler = createApiHandler([
  ...activityOperations,
  ...dutyOperations,
  ...opinionOperations,
  ...quotaOperations,
  ...evaluationOperations,
]);
