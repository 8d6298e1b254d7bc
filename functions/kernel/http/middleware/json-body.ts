/**
 * Reads the JSON body with middy's parser (which also refuses `__proto__` keys), after our own
 * checks: a size limit before any parsing, and a content type that, when given, must be JSON. A body
 * sent without a content type is read as JSON, as curl users expect.
 */
import httpJsonBodyParser from "@middy/http-json-body-parser";
import { PayloadTooLargeError } from "../../../domain/errors";
import type { ApiMiddleware } from "../api-call";
import { RequestFormatError } from "../error-response";

const jsonContentType = /^application\/([\w.+-]+\+)?json\b/i;

export function jsonBody(options: { readonly limitBytes: number }): ApiMiddleware {
  const parser = httpJsonBodyParser({ disableContentTypeCheck: true });
  return {
    before(request) {
      const { event } = request;
      if (event.body === undefined || event.body === null || event.body === "") return;
      const bytes = event.isBase64Encoded
        ? Buffer.from(event.body, "base64").length
        : Buffer.byteLength(event.body, "utf8");
      if (bytes > options.limitBytes) throw new PayloadTooLargeError(options.limitBytes);
      const contentType = event.headers?.["content-type"];
      if (contentType && !jsonContentType.test(contentType.trim())) {
        throw new RequestFormatError("unsupported_media_type");
      }
      try {
        // The parser types its request loosely; it only reads and replaces event.body.
        parser.before?.(request as Parameters<NonNullable<typeof parser.before>>[0]);
      } catch {
        throw new RequestFormatError("invalid_json");
      }
      request.context.api.body = event.body as unknown;
    },
  };
}
