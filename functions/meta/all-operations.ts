/**
 * Every documented operation (for the OpenAPI document). The Lambda entries import only their own
 * operation modules: an operation list is a module-level value, so importing this file would bundle all.
 */

import { activityOperations } from "../activities/operations/activity-operations";
import { dutyOperations } from "../activities/operations/duty-operations";
import { evaluationOperations } from "../activities/operations/evaluation-operations";
import { opinionOperations } from "../activities/operations/opinion-operations";
// The year's plan, the quota and the quarterly check (decision 0022).
import { quotaCheckOperations } from "../activities/operations/quota-check-operations";
import { quotaOperations } from "../activities/operations/quota-operations";
import { memberInvitationOperations } from "../invitations/member-operations";
import { stationInvitationOperations } from "../invitations/station-operations";
import { notificationOperations } from "../notices/operations";
import { assignmentOperations } from "../registry/operations/assignments";
import { contactOperations } from "../registry/operations/contacts";
import { memberOperations } from "../registry/operations/members";
import { stationOperations } from "../registry/operations/stations";
import { suggestionOperations } from "../registry/operations/suggestions";
import { calendarOperations } from "../topics/operations/calendars";
import { topicCategoryOperations } from "../topics/operations/categories";
import { topicOperations } from "../topics/operations/topics";
import { noticeSubjects } from "../topics/visibility";
import { userOperations } from "../users/operations";

export const allOperations = [
  ...stationOperations,
  ...assignmentOperations,
  ...suggestionOperations,
  ...stationInvitationOperations,
  ...memberOperations,
  ...memberInvitationOperations,
  ...contactOperations,
  ...userOperations,
  ...topicOperations,
  ...notificationOperations(noticeSubjects),
  ...calendarOperations,
  // activities and the duty roster (issue #12)
  ...activityOperations,
  ...dutyOperations,
  ...topicCategoryOperations,
  // 社情民意 items (the activities part)
  ...opinionOperations,
  // The year's plan, the quota and the quarterly check (decision 0022).
  ...quotaOperations,
  ...evaluationOperations,
  ...quotaCheckOperations,
];
