/** Lambda entry: health and the OpenAPI document. */
import { createApiHandler } from "./api/dispatch";
import { registryOperations } from "./api/operations";
import { metaOperations } from "./api/operations/meta";

export const handler = createApiHandler(metaOperations(() => registryOperations));
