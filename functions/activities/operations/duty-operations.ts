/** The duty routes of the activities part. */
import type { Operation } from "../../kernel/http/operation";

export const dutyOperations: readonly Operation[] = [];
