/** The opinion routes of the activities part. */
import type { Operation } from "../../kernel/http/operation";

export const opinionOperations: readonly Operation[] = [];
