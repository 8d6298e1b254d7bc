/** Request shapes for stations, rooms, members and their assignments (validated at runtime). */
import * as v from "valibot";
import { chatPlatforms, chatRobotProblem, chatWebhookProblem } from "../domain/notices/chat-webhook";
import { assignmentBases, channels, languages, normalizeMainlandMobile } from "../domain/registry/members";
import { containsContact } from "../domain/registry/privacy";
import { hostVenueTypes, standardItems, stationKinds, stationStatuses } from "../domain/registry/stations";
import { chatWebhookHosts } from "../kernel/config";
import {
  id,
  listOf,
  listQueryEntries,
  longText,
  queryInt,
  shortText,
  strictObject,
  version,
} from "../kernel/contracts";
import { emailPattern } from "../kernel/formats";

export const mainlandMobile = /* @__PURE__ */ (() =>
  v.pipe(
    v.string(),
    v.check((value) => normalizeMainlandMobile(value) !== undefined, "invalid_mobile"),
    v.transform((value) => normalizeMainlandMobile(value) ?? value),
  ))();

export const email = /* @__PURE__ */ (() =>
  v.pipe(
    v.string("invalid_email"),
    v.regex(emailPattern, "invalid_email"),
    v.maxLength(254, "invalid_email"),
  ))();

/**
 * A person's name, and only the name: a phone number or e-mail address typed into it answers 400
 * `name_contains_contact`. It belongs in the field beside it, which is masked for those who may not
 * see it and which the notices reach; in a name it would be neither (decision 0016 addendum).
 */
/* @__NO_SIDE_EFFECTS__ */
export function personName(max = 50) {
  return v.pipe(
    shortText(max),
    v.check((value) => !containsContact(value), "name_contains_contact"),
  );
}

export const standardCheck = /* @__PURE__ */ (() =>
  strictObject({ met: v.boolean(), note: v.optional(longText(500)) }))();

const standardsEntries = /* @__PURE__ */ (() =>
  Object.fromEntries(standardItems.map((item) => [item, v.optional(standardCheck)])) as Record<
    (typeof standardItems)[number],
    v.OptionalSchema<typeof standardCheck, undefined>
  >)();

export const standardsInput = /* @__PURE__ */ (() => strictObject(standardsEntries))();

export const hostVenue = /* @__PURE__ */ (() =>
  strictObject({ type: v.picklist(hostVenueTypes), name: shortText(100) }))();
/**
 * The county leader and special committee the station reports to: the escalation ladder's second
 * rung. Each is named, or referenced in the contacts directory (`leaderContactId`: a 联系领导,
 * `committeeContactId`: a 专委会, active), whose contacts and preferences the ladder then uses; a
 * reference's name replaces one given beside it. The phone or e-mail here reaches whoever is named
 * without a reference (without either, the notice fails visibly).
 */
export const liaison = /* @__PURE__ */ (() =>
  v.pipe(
    strictObject({
      leader: v.optional(personName(50)),
      committee: v.optional(personName(50)),
      leaderContactId: v.optional(id),
      committeeContactId: v.optional(id),
      phone: v.optional(mainlandMobile),
      email: v.optional(email),
    }),
    v.rawCheck(({ dataset, addIssue }) => {
      if (!dataset.typed) return;
      const input = dataset.value;
      for (const [name, reference] of [
        ["leader", "leaderContactId"],
        ["committee", "committeeContactId"],
      ] as const) {
        if (input[name] !== undefined || input[reference] !== undefined) continue;
        const path: [v.ObjectPathItem] = [
          { type: "object", origin: "value", input, key: name, value: undefined },
        ];
        addIssue({ message: "name_or_contact_required", path });
      }
    }),
  ))();
export type LiaisonInput = v.InferOutput<typeof liaison>;

/**
 * The station's group-chat robot: the platform's webhook URL (with its key or access token) and,
 * for DingTalk's signed robots, the secret. Credentials: stored, never shown.
 */
export const chatRobotInput = /* @__PURE__ */ (() =>
  v.pipe(
    strictObject({
      platform: v.picklist(chatPlatforms),
      webhook: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(1000)),
      secret: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(200))),
    }),
    v.rawCheck(({ dataset, addIssue }) => {
      if (!dataset.typed) return;
      const input = dataset.value;
      const hosts = chatWebhookHosts();
      const webhookWrong = chatWebhookProblem(input.platform, input.webhook, hosts) !== undefined;
      if (!webhookWrong && chatRobotProblem(input, hosts) === undefined) return;
      const key = webhookWrong ? "webhook" : "secret";
      const path: [v.ObjectPathItem] = [{ type: "object", origin: "value", input, key, value: input[key] }];
      addIssue({ message: `invalid_chat_${key}_${input.platform}`, path });
    }),
  ))();
export const contact = /* @__PURE__ */ (() =>
  strictObject({
    name: personName(50),
    phone: mainlandMobile,
    email: v.optional(email),
  }))();

export const stationCreate = /* @__PURE__ */ (() =>
  strictObject({
    kind: v.picklist(stationKinds),
    name: shortText(100),
    zone: shortText(50),
    township: v.optional(shortText(50)),
    hostVenue,
    leadMemberId: v.optional(id),
    liaison,
    contact: v.optional(contact),
    status: v.optional(v.picklist(stationStatuses)),
    standards: v.optional(standardsInput),
    chatRobot: v.optional(chatRobotInput),
  }))();
export type StationCreate = v.InferOutput<typeof stationCreate>;

/** Every field optional; `null` clears an optional field. `version` may replace If-Match. */
export const stationPatch = /* @__PURE__ */ (() =>
  strictObject({
    name: v.optional(shortText(100)),
    zone: v.optional(shortText(50)),
    township: v.optional(v.nullable(shortText(50))),
    hostVenue: v.optional(hostVenue),
    leadMemberId: v.optional(v.nullable(id)),
    liaison: v.optional(liaison),
    contact: v.optional(v.nullable(contact)),
    status: v.optional(v.picklist(stationStatuses)),
    standards: v.optional(standardsInput),
    /** The county office's to set; `null` removes it. */
    chatRobot: v.optional(v.nullable(chatRobotInput)),
    version: v.optional(version),
  }))();
export type StationPatch = v.InferOutput<typeof stationPatch>;

export const stationListQuery = /* @__PURE__ */ (() =>
  strictObject({
    ...listQueryEntries,
    kind: v.optional(v.picklist(stationKinds)),
    zone: v.optional(shortText(50)),
    status: v.optional(v.picklist(stationStatuses)),
  }))();

const preferences = /* @__PURE__ */ (() =>
  strictObject({
    language: v.optional(v.picklist(languages)),
    channel: v.optional(v.picklist(channels)),
  }))();

export const memberCreate = /* @__PURE__ */ (() =>
  strictObject({
    name: personName(50),
    sector: shortText(50),
    profession: shortText(100),
    expertise: listOf(shortText(30), 20),
    /** Home township or community (乡镇/社区): suggestions rank members nearby first (就近). */
    township: v.optional(shortText(50)),
    phone: mainlandMobile,
    email: v.optional(email),
    preferences: v.optional(preferences),
  }))();
export type MemberCreate = v.InferOutput<typeof memberCreate>;

export const memberPatch = /* @__PURE__ */ (() =>
  strictObject({
    name: v.optional(personName(50)),
    sector: v.optional(shortText(50)),
    profession: v.optional(shortText(100)),
    expertise: v.optional(listOf(shortText(30), 20)),
    township: v.optional(shortText(50)),
    phone: v.optional(mainlandMobile),
    email: v.optional(v.nullable(email)),
    preferences: v.optional(preferences),
    version: v.optional(version),
  }))();
export type MemberPatch = v.InferOutput<typeof memberPatch>;

/** What a member may change of their own record: how to reach them, and how they like to be reached. */
export const ownContactFields = ["phone", "email", "preferences", "version"] as const;

export const memberListQuery = /* @__PURE__ */ (() =>
  strictObject({ ...listQueryEntries, sector: v.optional(shortText(50)) }))();

export const assignmentInput = /* @__PURE__ */ (() =>
  strictObject({ basis: v.optional(v.picklist(assignmentBases)) }))();

export const suggestionQuery = /* @__PURE__ */ (() =>
  strictObject({
    topic: shortText(500),
    sector: v.optional(shortText(50)),
    limit: v.optional(queryInt(1, 50)),
  }))();

/** Path parameters of the registry's routes: a malformed id answers 404, like an absent one. */
export const stationPath = /* @__PURE__ */ (() => strictObject({ stationId: id }))();
export const memberPath = /* @__PURE__ */ (() => strictObject({ memberId: id }))();
export const stationMemberPath = /* @__PURE__ */ (() => strictObject({ stationId: id, memberId: id }))();
