/** Lambda entry: the register of members. */
import { createApiHandler } from "./kernel/http/api-handler";
import { memberOperations } from "./registry/operations/members";

export const handler = createApiHandler(memberOperations);
