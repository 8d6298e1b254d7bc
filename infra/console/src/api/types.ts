/** The API's resources by the names the pages use (from the generated schema). */
import type { components } from "./schema.generated";

type Schemas = components["schemas"];
export type Topic = Schemas["Topic"];
export type TopicDetail = Schemas["TopicDetail"];
export type TimelineEntry = TopicDetail["timeline"][number];
export type Station = Schemas["Station"];
export type StationDetail = Schemas["StationDetail"];
export type Member = Schemas["Member"];
export type MemberDetail = Schemas["MemberDetail"];
export type Notification = Schemas["Notification"];
export type StationQuota = Schemas["StationQuota"];
export type Assignment = Schemas["Assignment"];
export type Invitation = Schemas["Invitation"];
export type TopicStep = Topic["step"];
export type QuotaRow = Schemas["QuotaPage"]["items"][number];
export type User = Schemas["User"];
export type DutyShift = Schemas["DutyShift"];
export type QuotaCheck = Schemas["QuotaCheck"];
