/**
 * Which members to ask onto a topic. Ranked by how well their expertise and sector match the topic,
 * then by nearness to the station (already serving there, then living in its township — 就近 — then the
 * same zone), then by how much
 * they already carry. Every suggestion says why it was made.
 */

export interface SuggestionCandidate {
  readonly id: string;
  readonly name: string;
  readonly sector: string;
  readonly profession: string;
  readonly expertise: readonly string[];
  /** Stations the member serves at, with their zones. */
  readonly stationCount: number;
  readonly zones: readonly string[];
  readonly servesAtStation: boolean;
  /** The township the member lives or works in, when the register knows it. */
  readonly township?: string | undefined;
}

export interface SuggestionRequest {
  readonly topic: string;
  readonly stationZone: string;
  readonly stationTownship?: string | undefined;
  /** Optional sector the staff asks for explicitly. */
  readonly sector?: string | undefined;
}

export type SuggestionReason =
  | { readonly code: "expertise"; readonly value: string }
  | { readonly code: "profession"; readonly value: string }
  | { readonly code: "sector"; readonly value: string }
  | { readonly code: "serves_here"; readonly value: string }
  | { readonly code: "same_township"; readonly value: string }
  | { readonly code: "same_zone"; readonly value: string }
  | { readonly code: "load"; readonly value: number };

export interface Suggestion {
  readonly memberId: string;
  readonly name: string;
  readonly sector: string;
  readonly score: { readonly match: number; readonly nearness: number; readonly load: number };
  readonly reasons: readonly SuggestionReason[];
}

const expertiseWeight = 3;
const professionWeight = 2;
const sectorWeight = 1;

/**
 * Do two short Chinese (or English) phrases share meaning? Exact containment either way, or a shared
 * two-character word: "养老服务" matches a topic about "社区养老".
 */
export function phrasesOverlap(topic: string, phrase: string): boolean {
  const a = topic.toLowerCase();
  const b = phrase.toLowerCase().trim();
  if (!b) return false;
  if (a.includes(b) || (a.length > 0 && b.includes(a))) return true;
  for (const bigram of bigrams(b)) if (a.includes(bigram)) return true;
  return false;
}

function bigrams(text: string): string[] {
  const chars = [...text.replace(/\s+/g, "")];
  // Only CJK text is split into bigrams; for Latin words two letters carry no meaning.
  if (!chars.every((c) => /\p{Script=Han}/u.test(c))) return [];
  const result: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) result.push(`${chars[i]}${chars[i + 1]}`);
  return result;
}

export function suggestMembers(
  request: SuggestionRequest,
  candidates: readonly SuggestionCandidate[],
  limit: number,
): Suggestion[] {
  return candidates
    .map((candidate) => scoreCandidate(request, candidate))
    .sort(
      (x, y) =>
        y.score.match - x.score.match ||
        y.score.nearness - x.score.nearness ||
        x.score.load - y.score.load ||
        x.name.localeCompare(y.name, "zh-CN") ||
        x.memberId.localeCompare(y.memberId),
    )
    .slice(0, limit);
}

function scoreCandidate(request: SuggestionRequest, candidate: SuggestionCandidate): Suggestion {
  const reasons: SuggestionReason[] = [];
  let match = 0;
  for (const tag of candidate.expertise) {
    if (phrasesOverlap(request.topic, tag)) {
      match += expertiseWeight;
      reasons.push({ code: "expertise", value: tag });
    }
  }
  if (candidate.profession && phrasesOverlap(request.topic, candidate.profession)) {
    match += professionWeight;
    reasons.push({ code: "profession", value: candidate.profession });
  }
  const sectorAsked = request.sector !== undefined && request.sector === candidate.sector;
  if (sectorAsked || phrasesOverlap(request.topic, candidate.sector)) {
    match += sectorWeight;
    reasons.push({ code: "sector", value: candidate.sector });
  }

  let nearness = 0;
  if (candidate.servesAtStation) {
    nearness = 3;
    reasons.push({ code: "serves_here", value: request.stationZone });
  } else if (request.stationTownship && candidate.township === request.stationTownship) {
    nearness = 2;
    reasons.push({ code: "same_township", value: request.stationTownship });
  } else if (candidate.zones.includes(request.stationZone)) {
    nearness = 1;
    reasons.push({ code: "same_zone", value: request.stationZone });
  }

  reasons.push({ code: "load", value: candidate.stationCount });
  return {
    memberId: candidate.id,
    name: candidate.name,
    sector: candidate.sector,
    score: { match, nearness, load: candidate.stationCount },
    reasons,
  };
}
