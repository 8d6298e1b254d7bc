/**
 * A station's liaison leader and committee as references to the contacts directory: each one
 * referenced exists, has the role its place needs and is active (otherwise a 400 naming the field),
 * and gives the station its name. The station's write re-checks the same in its transaction, so a
 * contact retired meanwhile cannot be referenced.
 */
import type { TransactWriteItem } from "@aws-sdk/client-dynamodb";
import { marshall } from "@aws-sdk/util-dynamodb";
import { type FieldProblem, ValidationError } from "../../domain/errors";
import { liaisonReferenceRoles } from "../../domain/registry/contacts";
import { tableName } from "../../kernel/table/client";
import { values } from "../../kernel/table/items";
import { contactKey } from "../../kernel/table/keys";
import type { Contact } from "../contact-responses";
import type { LiaisonInput } from "../contracts";
import type { Station } from "../responses";
import { getContacts } from "./contacts";

type Reference = keyof typeof liaisonReferenceRoles;
type Liaison = Station["liaison"];

/** The references a liaison makes, as [which, contact id]. */
export function referencesOf(liaison: LiaisonInput | Liaison): [Reference, string][] {
  const references: [Reference, string][] = [];
  if (liaison.leaderContactId) references.push(["leaderContactId", liaison.leaderContactId]);
  if (liaison.committeeContactId) references.push(["committeeContactId", liaison.committeeContactId]);
  return references;
}

function problemWith(reference: Reference, id: string, contact: Contact | undefined): FieldProblem[] {
  const field = `liaison.${reference}`;
  if (!contact) return [{ field, code: "contact_not_found", message: "contact_not_found", params: { id } }];
  const expected = liaisonReferenceRoles[reference];
  if (contact.role !== expected) {
    const params = { name: contact.name, actual: contact.role, expected };
    return [{ field, code: "contact_wrong_role", message: "contact_wrong_role", params }];
  }
  if (!contact.active)
    return [{ field, code: "contact_inactive", message: "contact_inactive", params: { name: contact.name } }];
  return [];
}

/** The liaison to store: references checked, each referenced contact's name in place of any given. */
export async function resolveLiaison(input: LiaisonInput): Promise<Liaison> {
  const references = referencesOf(input);
  const contacts = references.length ? await getContacts(references.map(([, id]) => id)) : [];
  const found = new Map(contacts.map((contact) => [contact.id, contact]));
  const problems = references.flatMap(([reference, id]) => problemWith(reference, id, found.get(id)));
  if (problems.length) throw new ValidationError(problems);
  const nameOf = (id: string | undefined, given: string | undefined) =>
    (id ? found.get(id)?.name : undefined) ?? given ?? "";
  return {
    ...input,
    leader: nameOf(input.leaderContactId, input.leader),
    committee: nameOf(input.committeeContactId, input.committee),
  };
}

/** Conditions for the station's transaction: each referenced contact still active, with its role. */
export function liaisonChecks(liaison: Liaison): TransactWriteItem[] {
  return referencesOf(liaison).map(([reference, id]) => ({
    ConditionCheck: {
      TableName: tableName(),
      Key: marshall(contactKey(id)),
      ConditionExpression: "#role = :role AND #active = :active",
      ExpressionAttributeNames: { "#role": "role", "#active": "active" },
      ExpressionAttributeValues: values({ ":role": liaisonReferenceRoles[reference], ":active": true }),
    },
  }));
}
