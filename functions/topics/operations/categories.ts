/**
 * Topic categories over HTTP (党政要事 / 民生实事 / 社会治理难事, or the county's own): the list
 * configured, and a topic's category changed (the station's tally moves with it).
 */

import { clock } from "../../kernel/clock";
import { topicCategories } from "../../kernel/config";
import { commonErrors } from "../../kernel/http/error-responses";
import { defineOperation, documented, ok, versionTag } from "../../kernel/http/operation";
import { expectedVersion } from "../../kernel/http/versioning";
import { topicPatch, topicPath } from "../contracts";
import { presentTopic } from "../present";
import { changeTopic } from "../recategorize";
import { defaultTopicServices } from "../services";

const services = defaultTopicServices();
// Read at start-up: a bad TOPIC_CATEGORIES fails the cold start with a ConfigurationError.
topicCategories();

export const topicCategoryOperations = [
  defineOperation({
    route: "GET /topic-categories",
    operationId: "listTopicCategories",
    ...(documented && {
      summary: "议题类别 · The topic categories configured for the county",
      description: "The ids a topic's `category` may take, with their names (TOPIC_CATEGORIES).",
      tag: "topics",
      responses: [{ status: 200, description: "The categories", schema: "TopicCategoryList" }],
    }),
    async handle({ request }) {
      return ok({
        items: topicCategories().map((category) => ({
          id: category.id,
          name: category.labels[request.language],
          labels: category.labels,
        })),
      });
    },
  }),
  defineOperation({
    route: "PATCH /topics/{topicId}",
    allow: ["admin", "staff"],
    path: topicPath,
    operationId: "updateTopic",
    ...(documented && {
      summary: "修改议题类别 · Change a topic's category",
      description:
        "`category`: one of GET /topic-categories, or `null` to clear it. The station's yearly tally moves the topic's count to the new category. Send If-Match (or `version`); a stale version answers 409.",
      tag: "topics",
      responses: [
        { status: 200, description: "The changed topic", schema: "Topic" },
        ...commonErrors(400, 403, 404, 409),
      ],
    }),
    body: topicPatch,
    async handle({ path, request, principal, body }) {
      const call = { principal, topicId: path.topicId, ifMatch: expectedVersion(request, body.version) };
      const topic = await changeTopic(services, call, body);
      return ok(presentTopic(topic, clock().now(), request.language, principal), versionTag(topic.version));
    },
  }),
];
