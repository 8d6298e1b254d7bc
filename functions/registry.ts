/** Lambda entry: stations, rooms, members and who serves where. */
import { createApiHandler } from "./api/dispatch";
import { registryOperations } from "./api/operations";

export const handler = createApiHandler(registryOperations);
