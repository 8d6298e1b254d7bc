/** The quota routes of the activities part. */
import type { Operation } from "../../kernel/http/operation";

export const quotaOperations: readonly Operation[] = [];
