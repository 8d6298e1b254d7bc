/** Lambda entry: health and the OpenAPI document, both public. */
import { createPublicApiHandler } from "./kernel/http/public-api-handler";
import { metaOperations } from "./meta/operations";

export const handler = createPublicApiHandler(metaOperations);
