/**
 * Who may read a station's 社情民意 items, and an item as they see it: the county office and the
 * station's staff see the resident's contacts; members (who read their stations' items) see them
 * masked (个人信息保护法). An item the caller may not see answers exactly as an absent one.
 */
import { canSeeStation, type Principal } from "../../domain/access";
import { NotFoundError } from "../../domain/errors";
import { opinionStatusNames } from "../../domain/quota/opinions";
import type { Language } from "../../domain/registry/members";
import { maskContactsIn, maySeeTopicContacts } from "../../domain/registry/privacy";
import { visibleMemberStations } from "../../registry/member-stations";
import type { OpinionEvent, OpinionView } from "../opinion-responses";
import { getOpinion, type StoredOpinion } from "../store/opinions";

/** The station's items are for the caller, or the station answers as absent (404). */
export async function assertCanReadStationOpinions(principal: Principal, stationId: string): Promise<void> {
  if (!canSeeStation(principal, stationId, await visibleMemberStations(principal)))
    throw new NotFoundError("station", stationId);
}

/** The item, if the caller may see it. */
export async function readVisibleOpinion(principal: Principal, opinionId: string): Promise<StoredOpinion> {
  const opinion = await getOpinion(opinionId);
  if (!canSeeStation(principal, opinion.stationId, await visibleMemberStations(principal)))
    throw new NotFoundError("opinion", opinionId);
  return opinion;
}

const text = (value: unknown) => (value === undefined || value === null ? "" : String(value));

const phrases: Readonly<
  Record<OpinionEvent["kind"], Readonly<Record<Language, (d: Record<string, unknown>) => string>>>
> = {
  received: {
    "zh-CN": (d) => `收集（${text(d.receivedOn)}）`,
    en: (d) => `Received (${text(d.receivedOn)})`,
  },
  reported: {
    "zh-CN": (d) => `报送${text(d.to)}（${text(d.reportedOn)}）`,
    en: (d) => `Reported to ${text(d.to)} (${text(d.reportedOn)})`,
  },
  adopted: {
    "zh-CN": (d) => `被${text(d.adoptedBy)}采用（${text(d.adoptedOn)}）`,
    en: (d) => `Adopted by ${text(d.adoptedBy)} (${text(d.adoptedOn)})`,
  },
  not_adopted: {
    "zh-CN": (d) => `未被采用：${text(d.reason)}`,
    en: (d) => `Not adopted: ${text(d.reason)}`,
  },
  promoted: {
    "zh-CN": (d) => `转为议题「${text(d.topicTitle)}」`,
    en: (d) => `Made the topic “${text(d.topicTitle)}”`,
  },
};

/**
 * The entry as a sentence, with who did it, as a topic's timeline says its entries: its time is the
 * entry's `at`, which the reader shows beside it. A promotion names the topic by its title; one
 * recorded before the title was kept names the item's own, which the topic was registered with.
 */
function describe(event: OpinionEvent, language: Language, title: string): string {
  const details = event.kind === "promoted" ? { topicTitle: title, ...event.details } : (event.details ?? {});
  const said = phrases[event.kind][language](details);
  const who = event.actor?.name;
  return `${said}${who ? (language === "zh-CN" ? `（${who}）` : ` (${who})`) : ""}`;
}

export function opinionShownTo(
  principal: Principal,
  opinion: StoredOpinion,
  language: Language,
): OpinionView {
  const shown: OpinionView = {
    ...opinion,
    statusName: opinionStatusNames[opinion.status][language],
    history: opinion.history.map((event) => ({ ...event, text: describe(event, language, opinion.title) })),
  };
  return maySeeTopicContacts(principal, opinion.stationId) ? shown : maskContactsIn(shown);
}
