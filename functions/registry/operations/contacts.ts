/**
 * The contacts directory (通讯录): the liaison leaders, special committees and county-office people
 * the escalation ladder reaches. The county office keeps it; station staff read it (they reach these
 * people); members see who is who, with phone and e-mail masked.
 */
import { requireAdmin } from "../../domain/access";
import { commonErrors } from "../../kernel/http/error-responses";
import { created, defineOperation, documented, ok, versionTag } from "../../kernel/http/operation";
import { expectedVersion } from "../../kernel/http/versioning";
import { contactCreate, contactListQuery, contactPatch, contactPath } from "../contact-contracts";
import { contactShownTo } from "../contact-view";
import { createContact, getContact, listContacts, updateContact } from "../store/contacts";
import { contactColumns } from "./contact-columns";

export const contactOperations = [
  defineOperation({
    route: "POST /contacts",
    idempotent: true,
    allow: ["admin"],
    operationId: "createContact",
    ...(documented && {
      summary: "登记通讯录联系人 · Add a contact to the directory (county office)",
      description:
        "`role`: liaisonLeader (联系领导), specialCommittee (专委会), countyOffice (县政协办公室) or other. A preferred `channel` needs its phone or e-mail; `digest` needs an e-mail. Active countyOffice contacts are told of every escalation that reaches the county office.",
      tag: "contacts",
      responses: [{ status: 201, description: "Created", schema: "Contact" }, ...commonErrors(400, 403)],
    }),
    body: contactCreate,
    async handle({ principal, body }) {
      requireAdmin(principal);
      const result = await createContact(body);
      return created(result, { ...versionTag(result.version), location: `/contacts/${result.id}` });
    },
  }),
  defineOperation({
    route: "GET /contacts",
    operationId: "listContacts",
    ...(documented && {
      summary: "通讯录 · List the contacts directory",
      description:
        "Filter by `role` and `active`. Members see names, roles and organisations, with phone and e-mail masked.",
      tag: "contacts",
      responses: [
        { status: 200, description: "A page of contacts", schema: "ContactPage" },
        ...commonErrors(400),
      ],
    }),
    query: contactListQuery,
    csv: { fileName: "contacts", columns: contactColumns },
    async handle({ principal, query }) {
      const page = await listContacts(
        { role: query.role, active: query.active },
        { limit: query.limit ?? 50, cursor: query.cursor },
      );
      return ok({ items: page.items.map((c) => contactShownTo(principal, c)), cursor: page.cursor });
    },
  }),
  defineOperation({
    route: "GET /contacts/{contactId}",
    path: contactPath,
    operationId: "getContact",
    ...(documented && {
      summary: "通讯录联系人详情 · Read a contact",
      tag: "contacts",
      responses: [{ status: 200, description: "The contact", schema: "Contact" }, ...commonErrors(404)],
    }),
    async handle({ path, principal }) {
      const result = await getContact(path.contactId);
      return ok(contactShownTo(principal, result), versionTag(result.version));
    },
  }),
  defineOperation({
    route: "PATCH /contacts/{contactId}",
    allow: ["admin"],
    path: contactPath,
    operationId: "updateContact",
    ...(documented && {
      summary: "修改通讯录联系人 · Change a contact (county office)",
      description:
        "Send If-Match with the version from the last read (or `version` in the body); a stale version answers 409. `null` clears organisation, phone, email or channel; `active: false` retires a contact (no longer told, no longer choosable as a station's liaison).",
      tag: "contacts",
      responses: [
        { status: 200, description: "The changed contact", schema: "Contact" },
        ...commonErrors(400, 403, 404, 409),
      ],
    }),
    body: contactPatch,
    async handle({ path, request, body }) {
      const result = await updateContact(path.contactId, body, expectedVersion(request, body.version));
      return ok(result, versionTag(result.version));
    },
  }),
];
