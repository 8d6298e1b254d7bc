/** Lambda entry: health and the OpenAPI document. */
import { createApiHandler } from "./api/dispatch";
import { metaOperations } from "./api/operations/meta";

export const handler = createApiHandler(metaOperations);
