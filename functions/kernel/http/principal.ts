/** Turns the authorizer's claims into the caller, as the domain's access rules see them. */
import type { Principal } from "../../domain/access";
import { strongestRole } from "../../domain/access";
import { claimNames } from "./claims";

type Claims = Readonly<Record<string, string | number | boolean | string[]>>;

/** API Gateway hands list claims over as "[a b]"; a signed token or a test may give a real array. */
function listClaim(value: Claims[string] | undefined): string[] {
  if (value === undefined) return [];
  if (Array.isArray(value)) return value.map(String);
  const text = String(value).trim();
  const inner = text.startsWith("[") && text.endsWith("]") ? text.slice(1, -1) : text;
  return inner.split(/[\s,]+/).filter(Boolean);
}

function stringClaim(value: Claims[string] | undefined): string | undefined {
  if (value === undefined || Array.isArray(value)) return undefined;
  const text = String(value).trim();
  return text || undefined;
}

function nameOf(claims: Claims): { name?: string } {
  const name = stringClaim(claims[claimNames.name]) ?? stringClaim(claims.email);
  return name ? { name: name.slice(0, 100) } : {};
}

/** The caller, or undefined when the claims carry no role this API knows. */
export function principalFromClaims(claims: Claims): Principal | undefined {
  const role = strongestRole(listClaim(claims[claimNames.groups]));
  const subject = stringClaim(claims[claimNames.subject]);
  if (!role || !subject) return undefined;
  return {
    subject,
    role,
    stationIds: role === "staff" ? listClaim(claims[claimNames.stationIds]) : [],
    memberId: stringClaim(claims[claimNames.memberId]),
    ...nameOf(claims),
  };
}
