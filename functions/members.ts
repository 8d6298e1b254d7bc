/** Lambda entry: the register of members. */
import { createApiHandler } from "./api/dispatch";
import { memberOperations } from "./api/operations/members";

export const handler = createApiHandler(memberOperations);
