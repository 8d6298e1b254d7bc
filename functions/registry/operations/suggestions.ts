/** Which members to invite for a topic at a station, each with the reasons for the suggestion. */

import { requireWriter } from "../../domain/access";
import { type SuggestionReason, suggestMembers } from "../../domain/registry/suggestions";
import { commonErrors } from "../../kernel/http/error-responses";
import { message } from "../../kernel/http/messages";
// The reasons' texts (`reason_…`), added to the messages of the function that serves suggestions.
import "../messages/reasons";
import { defineOperation, documented, ok } from "../../kernel/http/operation";
import { stationPath, suggestionQuery } from "../contracts";
import { allStationAssignments } from "../store/assignments";
import { listAllMembers } from "../store/members";
import { stationsInZone } from "../store/stations";
import { readVisibleStation } from "./stations";

export const suggestionOperations = [
  defineOperation({
    route: "GET /stations/{stationId}/member-suggestions",
    allow: ["admin", "staff"],
    path: stationPath,
    operationId: "suggestMembers",
    ...(documented && {
      summary: "推荐参与议题的委员 · Suggest members for a topic",
      description:
        "Ranked by expertise, profession and sector match with the topic text, then nearness (serving at this station, then living in its township, then in the same zone), then current load.",
      tag: "assignments",
      responses: [
        { status: 200, description: "Ranked suggestions", schema: "SuggestionList" },
        ...commonErrors(400, 403, 404),
      ],
    }),
    query: suggestionQuery,
    async handle({ path, request, principal, query }) {
      requireWriter(principal);
      const station = await readVisibleStation(principal, path.stationId);
      const [members, zoneStations] = await Promise.all([listAllMembers(), stationsInZone(station.zone)]);
      const assignmentsByStation = await Promise.all(zoneStations.map((s) => allStationAssignments(s.id)));
      const inZone = new Set(assignmentsByStation.flat().map((a) => a.memberId));
      const here = new Set(
        assignmentsByStation
          .flat()
          .filter((a) => a.stationId === station.id)
          .map((a) => a.memberId),
      );
      const ranked = suggestMembers(
        {
          topic: query.topic,
          stationZone: station.zone,
          stationTownship: station.township,
          sector: query.sector,
        },
        members.map((m) => ({
          id: m.id,
          name: m.name,
          sector: m.sector,
          profession: m.profession,
          expertise: m.expertise,
          stationCount: m.stationCount,
          zones: inZone.has(m.id) ? [station.zone] : [],
          servesAtStation: here.has(m.id),
          township: m.township,
        })),
        query.limit ?? 10,
      );
      const describe = (reason: SuggestionReason) => ({
        ...reason,
        text: message(`reason_${reason.code}`, request.language, { value: reason.value }),
      });
      return ok({
        topic: query.topic,
        items: ranked.map((s, index) => ({ ...s, rank: index + 1, reasons: s.reasons.map(describe) })),
      });
    },
  }),
];
