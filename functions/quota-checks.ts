/**
 * Lambda entry: the quarterly check on demand and the checks as recorded (decision 0022). A function
 * of its own because it alone hands work to the jobs' function: only it carries the Lambda client
 * and may invoke that function.
 */
import { quotaCheckOperations } from "./activities/operations/quota-check-operations";
import { createApiHandler } from "./kernel/http/api-handler";
// The messages its operations can answer with, beyond the kernel's (kernel/http/messages.ts).
import "./activities/messages/quota-checks";

export const handler = createApiHandler(quotaCheckOperations);
