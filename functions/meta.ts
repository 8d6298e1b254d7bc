/** Lambda entry: health and the OpenAPI document. */
import { createApiHandler } from "./kernel/http/api-handler";
import { metaOperations } from "./meta/operations";

export const handler = createApiHandler(metaOperations);
