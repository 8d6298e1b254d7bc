/**
 * 社情民意 items over HTTP: collect (a resident's or a member's), list (CSV too), read with the
 * history, report upward, record adoption or not, and promote to a topic. Each transition is one
 * conditional write with its count in the station's yearly tally.
 */
import type { Principal } from "../../domain/access";
import type { OpinionAction } from "../../domain/quota/opinions";
import { clock } from "../../kernel/clock";
import { topicCategories } from "../../kernel/config";
import { commonErrors } from "../../kernel/http/error-responses";
import {
  type ApiRequest,
  created,
  defineOperation,
  documented,
  type Operation,
  ok,
  versionTag,
} from "../../kernel/http/operation";
import { expectedVersion } from "../../kernel/http/versioning";
import { presentTopic } from "../../topics/present";
import { defaultTopicServices } from "../../topics/services";
import {
  opinionAdopt,
  opinionCreate,
  opinionDecline,
  opinionListQuery,
  opinionPath,
  opinionPromote,
  opinionReport,
  stationOpinionsPath,
} from "../opinion-contracts";
import { collectOpinion } from "../opinions/collect";
import { promoteOpinion } from "../opinions/promote";
import { moveOpinion, type OpinionChange } from "../opinions/transitions";
import { assertCanReadStationOpinions, opinionShownTo, readVisibleOpinion } from "../opinions/view";
import { listOpinions, type StoredOpinion } from "../store/opinions";
import { opinionColumns } from "./opinion-columns";

const services = defaultTopicServices();
// Read at start-up: a bad TOPIC_CATEGORIES fails the cold start with a ConfigurationError.
topicCategories();

const answer = (opinion: StoredOpinion, request: ApiRequest, principal: Principal) =>
  ok(opinionShownTo(principal, opinion, request.language), versionTag(opinion.version));

const changeOn = (
  request: ApiRequest,
  principal: Principal,
  opinionId: string,
  version: number | undefined,
): OpinionChange => ({ principal, opinionId, ifMatch: expectedVersion(request, version) });

const transitionErrors = commonErrors(400, 403, 404, 409);

/** The three transitions share their shape: the body's schema, the action, the documentation. */
function transition(
  action: OpinionAction,
  schema: typeof opinionReport | typeof opinionAdopt | typeof opinionDecline,
  operationId: string,
  docs: { summary: string; description: string },
): Operation {
  return defineOperation({
    route: `POST /opinions/{opinionId}/${action}`,
    allow: ["admin", "staff"],
    path: opinionPath,
    operationId,
    ...(documented && {
      ...docs,
      tag: "opinions",
      responses: [{ status: 200, description: "Done", schema: "Opinion" }, ...transitionErrors],
    }),
    body: schema as typeof opinionReport,
    async handle({ path, request, principal, body }) {
      const call = changeOn(request, principal, path.opinionId, body.version);
      return answer(await moveOpinion(call, action, body, clock().now()), request, principal);
    },
  });
}

export const opinionOperations: readonly Operation[] = [
  defineOperation({
    route: "POST /stations/{stationId}/opinions",
    idempotent: true,
    path: stationOpinionsPath,
    operationId: "createOpinion",
    ...(documented && {
      summary: "登记社情民意信息 · Record a public-opinion item",
      description:
        "`source`: `resident` (give `submitter`: a name, phone or e-mail optional) or `member` (give `memberId`; a member submitting is filled in from the token). Staff for their stations, the county office anywhere, members for a station they serve at. `receivedOn` defaults to today (county time). Counted in the station's tally of that year.",
      tag: "opinions",
      responses: [
        { status: 201, description: "Recorded", schema: "Opinion" },
        ...commonErrors(400, 403, 404, 409),
      ],
    }),
    body: opinionCreate,
    async handle({ path, request, principal, body }) {
      const opinion = await collectOpinion(principal, path.stationId, body, clock().now());
      return created(opinionShownTo(principal, opinion, request.language), {
        ...versionTag(opinion.version),
        location: `/opinions/${opinion.id}`,
      });
    },
  }),
  defineOperation({
    route: "GET /stations/{stationId}/opinions",
    path: stationOpinionsPath,
    operationId: "listOpinions",
    ...(documented && {
      summary: "社情民意信息列表 · A station's public-opinion items (by year, status)",
      description: "Newest received first. Members read their stations' items, residents' contacts masked.",
      tag: "opinions",
      responses: [
        { status: 200, description: "A page of items", schema: "OpinionPage" },
        ...commonErrors(400, 404),
      ],
    }),
    query: opinionListQuery,
    csv: { fileName: "opinions", columns: opinionColumns },
    async handle({ path, request, principal, query }) {
      await assertCanReadStationOpinions(principal, path.stationId);
      const page = await listOpinions(
        path.stationId,
        { year: query.year, status: query.status },
        { limit: query.limit ?? 50, cursor: query.cursor },
      );
      return ok({
        items: page.items.map((opinion) => opinionShownTo(principal, opinion, request.language)),
        cursor: page.cursor,
      });
    },
  }),
  defineOperation({
    route: "GET /opinions/{opinionId}",
    path: opinionPath,
    operationId: "getOpinion",
    ...(documented && {
      summary: "社情民意信息详情 · A public-opinion item with its history",
      tag: "opinions",
      responses: [{ status: 200, description: "The item", schema: "Opinion" }, ...commonErrors(404)],
    }),
    async handle({ path, request, principal }) {
      return answer(await readVisibleOpinion(principal, path.opinionId), request, principal);
    },
  }),
  transition(
    "report",
    opinionReport,
    "reportOpinion",
    documented && {
      summary: "报送 · Report the item upward (received → reported)",
      description: "`to`: where it went (e.g. 县政协). 409 `opinion_wrong_status` unless it is received.",
    },
  ),
  transition(
    "adopt",
    opinionAdopt,
    "adoptOpinion",
    documented && {
      summary: "登记采用 · Record the item as adopted (reported → adopted)",
      description: "`adoptedBy`: the adopting body. 409 `opinion_wrong_status` unless it is reported.",
    },
  ),
  transition(
    "decline",
    opinionDecline,
    "declineOpinion",
    documented && {
      summary: "登记未采用 · Record the item as not adopted (reported → not_adopted)",
      description: "`reason`: why. 409 `opinion_wrong_status` unless it is reported.",
    },
  ),
  defineOperation({
    route: "POST /opinions/{opinionId}/promote",
    idempotent: true,
    allow: ["admin", "staff"],
    path: opinionPath,
    operationId: "promoteOpinion",
    ...(documented && {
      summary: "转为议题 · Make the item a topic (at 收集议题)",
      description:
        "Registers a topic with source `publicOpinion`, the item's title and content, its submitter told the outcome; the topic carries `opinionId`, the item `topicId`. `responsible` defaults to the station's lead member; `category` to the item's. Once only: again is 409 `opinion_already_promoted`, naming the topic.",
      tag: "opinions",
      responses: [
        { status: 201, description: "The topic registered, and the item linked", schema: "OpinionPromotion" },
        ...commonErrors(400, 403, 404, 409, 503),
      ],
    }),
    body: opinionPromote,
    async handle({ path, request, principal, body }) {
      const call = changeOn(request, principal, path.opinionId, undefined);
      const { opinion, topic } = await promoteOpinion(services, call, body);
      return created(
        {
          opinion: opinionShownTo(principal, opinion, request.language),
          topic: presentTopic(topic, clock().now(), request.language, principal),
        },
        { location: `/topics/${topic.id}` },
      );
    },
  }),
];
