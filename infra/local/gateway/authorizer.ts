/** The HTTP API's JWT authorizer, locally: the bearer token verified against the local keys. */
import { errors as joseErrors } from "jose";
import type { LocalKeys } from "../keys";
import { verifyToken } from "../token";

export type Authorization = { ok: true; payload: Record<string, unknown> } | { ok: false; challenge: string };

/** The JWT authorizer: the Authorization header holds the token, with or without "Bearer ". */
export async function authorize(header: string | undefined, keys: LocalKeys): Promise<Authorization> {
  const token = header?.trim().replace(/^bearer\s+/i, "");
  if (!token) return { ok: false, challenge: "Bearer" };
  try {
    return { ok: true, payload: await verifyToken(token, keys) };
  } catch (error) {
    const description =
      error instanceof joseErrors.JWTExpired ? "the token has expired" : "the token could not be verified";
    return {
      ok: false,
      challenge: `Bearer scope="" error="invalid_token" error_description="${description}"`,
    };
  }
}
