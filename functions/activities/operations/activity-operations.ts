/** The activity routes of the activities part. */
import type { Operation } from "../../kernel/http/operation";

export const activityOperations: readonly Operation[] = [];
