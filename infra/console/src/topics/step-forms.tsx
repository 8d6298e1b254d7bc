/**
 * The evidence each step is completed with (the API's StepEvidence), as form fields, and how the
 * form's values become the API's body. Lists are typed one item per line.
 */
import { Form, Input, InputNumber, Select } from "antd";
import type { ReactNode } from "react";
import type { Language, Messages } from "../i18n/messages";
import { choicesOf, consultationFormatLabels, feedbackMethodLabels } from "../i18n/vocabulary";
import type { Step } from "./steps";

export type EvidenceValues = Record<string, string | number | string[] | undefined>;

const lines = (value: unknown) =>
  String(value ?? "")
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
const text = (value: unknown) => String(value ?? "");

/** The API body for completing `step` from the form's values. */
export function evidenceBody(step: Step, v: EvidenceValues): Record<string, unknown> {
  switch (step) {
    case "collect":
      return { summary: text(v.summary), raisedBy: lines(v.raisedBy).map((name) => ({ name })) };
    case "determine":
      return { decision: "adopted", format: v.format, reason: text(v.reason) };
    case "research":
      return {
        visits: [{ date: v.date, place: text(v.place), members: v.members ?? [] }],
        findings: text(v.findings),
      };
    case "consult":
      return {
        meeting: {
          date: v.date,
          place: text(v.place),
          participants: {
            members: v.members ?? [],
            departments: lines(v.departments),
            residents: v.residents ?? 0,
          },
          consensus: text(v.consensus),
        },
      };
    case "report":
      return { summary: text(v.summary), sentTo: lines(v.sentTo), sentOn: v.sentOn };
    case "feedback":
      return {
        responses: [
          { department: text(v.department), response: text(v.response), respondedOn: v.respondedOn },
        ],
        feedbackToSource: { method: v.method, summary: text(v.feedbackSummary), givenOn: v.givenOn },
      };
  }
}

/** Where the API's field paths land in the step's form. */
export const evidenceFieldMap: Readonly<Record<string, string>> = {
  "visits.0.date": "date",
  "visits.0.place": "place",
  "visits.0.members": "members",
  visits: "place",
  "meeting.date": "date",
  "meeting.place": "place",
  "meeting.participants.members": "members",
  "meeting.participants.departments": "departments",
  "meeting.participants.residents": "residents",
  "meeting.consensus": "consensus",
  "responses.0.department": "department",
  "responses.0.response": "response",
  "responses.0.respondedOn": "respondedOn",
  "feedbackToSource.method": "method",
  "feedbackToSource.summary": "feedbackSummary",
  "feedbackToSource.givenOn": "givenOn",
};

export interface MemberOption {
  readonly value: string;
  readonly label: string;
}

const required = [{ required: true }];
const dateInput = <Input type="date" />;

interface FieldsProps {
  readonly t: Messages;
  readonly language: Language;
  readonly memberSelect: ReactNode;
}

function CollectFields({ t }: FieldsProps) {
  return (
    <>
      <Form.Item name="summary" label={t.summary} rules={required}>
        <Input.TextArea rows={3} />
      </Form.Item>
      <Form.Item name="raisedBy" label={t.raisedBy} rules={required}>
        <Input.TextArea rows={2} />
      </Form.Item>
    </>
  );
}

function DetermineFields({ t, language }: FieldsProps) {
  return (
    <>
      <Form.Item name="format" label={t.decisionFormat} rules={required}>
        <Select options={choicesOf(consultationFormatLabels, language)} />
      </Form.Item>
      <Form.Item name="reason" label={t.reason} rules={required}>
        <Input.TextArea rows={2} />
      </Form.Item>
    </>
  );
}

function ResearchFields({ t, memberSelect }: FieldsProps) {
  return (
    <>
      <Form.Item name="date" label={t.visitDate} rules={required}>
        {dateInput}
      </Form.Item>
      <Form.Item name="place" label={t.place} rules={required}>
        <Input />
      </Form.Item>
      <Form.Item name="members" label={t.visitMembers} rules={required}>
        {memberSelect}
      </Form.Item>
      <Form.Item name="findings" label={t.findings} rules={required}>
        <Input.TextArea rows={3} />
      </Form.Item>
    </>
  );
}

function ConsultFields({ t, memberSelect }: FieldsProps) {
  return (
    <>
      <Form.Item name="date" label={t.meetingDate} rules={required}>
        {dateInput}
      </Form.Item>
      <Form.Item name="place" label={t.place} rules={required}>
        <Input />
      </Form.Item>
      <Form.Item name="members" label={t.visitMembers} rules={required}>
        {memberSelect}
      </Form.Item>
      <Form.Item name="departments" label={t.departments}>
        <Input.TextArea rows={2} />
      </Form.Item>
      <Form.Item name="residents" label={t.residents}>
        <InputNumber min={0} style={{ width: "100%" }} />
      </Form.Item>
      <Form.Item name="consensus" label={t.consensus} rules={required}>
        <Input.TextArea rows={3} />
      </Form.Item>
    </>
  );
}

function ReportFields({ t }: FieldsProps) {
  return (
    <>
      <Form.Item name="summary" label={t.reportSummary} rules={required}>
        <Input.TextArea rows={3} />
      </Form.Item>
      <Form.Item name="sentTo" label={t.sentTo} rules={required}>
        <Input.TextArea rows={2} />
      </Form.Item>
      <Form.Item name="sentOn" label={t.sentOn} rules={required}>
        {dateInput}
      </Form.Item>
    </>
  );
}

function FeedbackFields({ t, language }: FieldsProps) {
  return (
    <>
      <Form.Item name="department" label={t.department} rules={required}>
        <Input />
      </Form.Item>
      <Form.Item name="response" label={t.response} rules={required}>
        <Input.TextArea rows={2} />
      </Form.Item>
      <Form.Item name="respondedOn" label={t.respondedOn} rules={required}>
        {dateInput}
      </Form.Item>
      <Form.Item name="method" label={t.feedbackMethod} rules={required}>
        <Select options={choicesOf(feedbackMethodLabels, language)} />
      </Form.Item>
      <Form.Item name="feedbackSummary" label={t.feedbackSummary} rules={required}>
        <Input.TextArea rows={2} />
      </Form.Item>
      <Form.Item name="givenOn" label={t.givenOn} rules={required}>
        {dateInput}
      </Form.Item>
    </>
  );
}

const stepFields: Record<Step, (props: FieldsProps) => ReactNode> = {
  collect: CollectFields,
  determine: DetermineFields,
  research: ResearchFields,
  consult: ConsultFields,
  report: ReportFields,
  feedback: FeedbackFields,
};

/** The form fields of `step`'s evidence. */
export function EvidenceFields(props: {
  readonly step: Step;
  readonly t: Messages;
  readonly language: Language;
  readonly members: readonly MemberOption[];
}) {
  const Fields = stepFields[props.step];
  const memberSelect = <Select mode="multiple" options={[...props.members]} optionFilterProp="label" />;
  return <Fields t={props.t} language={props.language} memberSelect={memberSelect} />;
}
