/** Every named response schema, published as the OpenAPI document's components. */
import { activitySchemas } from "../activities/activity-responses";
import { dutySchemas } from "../activities/duty-responses";
// 量化考评 (decision 0027).
import { evaluationSchemas } from "../activities/evaluation-responses";
import { opinionSchemas } from "../activities/opinion-responses";
// The quota (decision 0022).
import { quotaSchemas } from "../activities/quota-responses";
import { invitationSchemas } from "../invitations/responses";
import { errorBody } from "../kernel/contracts";
import { noticeSchemas } from "../notices/responses";
import { contactSchemas } from "../registry/contact-responses";
import { registrySchemas } from "../registry/responses";
import { topicSchemas } from "../topics/responses";
import { userSchemas } from "../users/responses";

export const responseSchemas = {
  ...registrySchemas,
  ...contactSchemas,
  ...userSchemas,
  ...topicSchemas,
  ...noticeSchemas,
  ...invitationSchemas,
  // activities and the duty roster (issue #12)
  ...activitySchemas,
  ...dutySchemas,
  ...opinionSchemas,
  // The quota (decision 0022).
  ...quotaSchemas,
  ...evaluationSchemas,
  Error: errorBody,
} as const;

export type ResponseSchemaName = keyof typeof responseSchemas;
