/** The contacts directory in the table: create, read, list (by role, active or not), versioned update. */

import type { TransactWriteItem } from "@aws-sdk/client-dynamodb";
import { ConflictError, NotFoundError, StaleWriteError, ValidationError } from "../../domain/errors";
import { type ContactRole, contactReachProblems } from "../../domain/registry/contacts";
import { clock } from "../../kernel/clock";
import { newId } from "../../kernel/ids";
import { retryStaleWrites } from "../../kernel/retry";
import { tableName } from "../../kernel/table/client";
import { getItem, getMany, type Page, queryAll, queryPage, toItem, values } from "../../kernel/table/items";
import { collections, contactIndexKeys, contactKey, contactsWithRole } from "../../kernel/table/keys";
import { writeTransaction } from "../../kernel/table/transaction";
import type { ContactCreate, ContactPatch } from "../contact-contracts";
import type { Contact } from "../contact-responses";

export interface ContactFilters {
  readonly role?: ContactRole | undefined;
  readonly active?: boolean | undefined;
}

function putContact(contact: Contact, condition: { expression: string; values?: Record<string, unknown> }) {
  return {
    Put: {
      TableName: tableName(),
      Item: toItem(
        contact,
        { ...contactKey(contact.id), ...contactIndexKeys(contact.id, contact.role) },
        "contact",
      ),
      ConditionExpression: condition.expression,
      ExpressionAttributeValues: condition.values ? values(condition.values) : undefined,
    },
  } satisfies TransactWriteItem;
}

function assertReachable(contact: Contact): void {
  const problems = contactReachProblems(contact);
  if (problems.length) throw new ValidationError(problems);
}

export async function createContact(input: ContactCreate, now = clock().now()): Promise<Contact> {
  const timestamp = now.toISOString();
  const contact: Contact = {
    id: newId(now.getTime()),
    name: input.name,
    role: input.role,
    organisation: input.organisation,
    phone: input.phone,
    email: input.email,
    language: input.language ?? "zh-CN",
    channel: input.channel,
    digest: input.digest ?? false,
    active: input.active ?? true,
    version: 1,
    createdAt: timestamp,
    updatedAt: timestamp,
  };
  assertReachable(contact);
  const outcome = await writeTransaction([putContact(contact, { expression: "attribute_not_exists(PK)" })]);
  if (!outcome.committed) throw new ConflictError("already_exists");
  return withoutUndefined(contact);
}

/** The record as it reads back from the table: absent optional fields are absent, not undefined. */
function withoutUndefined(contact: Contact): Contact {
  return Object.fromEntries(Object.entries(contact).filter(([, value]) => value !== undefined)) as Contact;
}

export function findContact(contactId: string): Promise<Contact | undefined> {
  return getItem<Contact>(contactKey(contactId));
}

export async function getContact(contactId: string): Promise<Contact> {
  const contact = await findContact(contactId);
  if (!contact) throw new NotFoundError("contact", contactId);
  return contact;
}

/** The contacts with these ids that exist, in the order given. */
export function getContacts(contactIds: readonly string[]): Promise<Contact[]> {
  return getMany<Contact>([...new Set(contactIds)].map(contactKey));
}

const activeFilter = (active: boolean | undefined) =>
  active === undefined ? undefined : { expression: "#active = :active", values: { ":active": active } };

export function listContacts(
  filters: ContactFilters,
  page: { limit: number; cursor: string | undefined },
): Promise<Page<Contact>> {
  const byRole = filters.role !== undefined;
  const filter = activeFilter(filters.active);
  return queryPage<Contact>({
    index: byRole ? "GSI2" : "GSI1",
    partition: byRole
      ? { name: "GSI2PK", value: contactsWithRole(filters.role ?? "") }
      : { name: "GSI1PK", value: collections.contacts },
    ...(filter ? { filter } : {}),
    limit: page.limit,
    cursor: page.cursor,
  });
}

/** Every active contact of a role (the county office's people: a handful), in one query. */
export function activeContactsWithRole(role: ContactRole): Promise<Contact[]> {
  return queryAll<Contact>({
    index: "GSI2",
    partition: { name: "GSI2PK", value: contactsWithRole(role) },
    filter: { expression: "#active = :active", values: { ":active": true } },
  });
}

function applyPatch(current: Contact, patch: ContactPatch, timestamp: string): Contact {
  const { version: _ignored, organisation, phone, email, channel, ...rest } = patch;
  const cleared = <T>(value: T | null | undefined, was: T | undefined) =>
    value === null ? undefined : (value ?? was);
  return withoutUndefined({
    ...current,
    ...rest,
    organisation: cleared(organisation, current.organisation),
    phone: cleared(phone, current.phone),
    email: cleared(email, current.email),
    channel: cleared(channel, current.channel),
    version: current.version + 1,
    updatedAt: timestamp,
  });
}

/** Same contract as `updateStation`: If-Match is honoured exactly; without it, races are retried. */
export async function updateContact(
  contactId: string,
  patch: ContactPatch,
  expectedVersion: number | undefined,
  now = clock().now(),
): Promise<Contact> {
  return retryStaleWrites(async () => {
    const current = await getContact(contactId);
    if (expectedVersion !== undefined && current.version !== expectedVersion) {
      throw new ConflictError("version_mismatch", current.version);
    }
    const next = applyPatch(current, patch, now.toISOString());
    assertReachable(next);
    const outcome = await writeTransaction([
      putContact(next, { expression: "version = :expected", values: { ":expected": current.version } }),
    ]);
    if (!outcome.committed) throw new StaleWriteError(current.version);
    return next;
  });
}
