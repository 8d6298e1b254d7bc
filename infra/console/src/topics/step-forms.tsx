/**
 * The evidence each step is completed with (the API's StepEvidence), as form fields, and how the
 * form's values become the API's body. Lists of names are typed one item per line; the people who
 * raised a topic are rows of a name and a contact, so that the contact is masked where contacts are
 * and the notices reach it.
 */
import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Col, Form, Input, InputNumber, Row, Select } from "antd";
import type { ReactNode } from "react";
import type { Language, Messages } from "../i18n/messages";
import { choicesOf, consultationFormatLabels, feedbackMethodLabels } from "../i18n/vocabulary";
import type { Step } from "./steps";

/** One person who raised the topic, as the collect form's row holds them. */
export interface RaiserRow {
  readonly name?: string;
  readonly contact?: string;
}

export type EvidenceValues = Record<string, string | number | string[] | readonly RaiserRow[] | undefined>;

const lines = (value: unknown) =>
  String(value ?? "")
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
const text = (value: unknown) => String(value ?? "");

/** The rows with a name, each with its contact when one was given. */
const raisers = (value: unknown) =>
  (Array.isArray(value) ? (value as RaiserRow[]) : []).flatMap((row) => {
    const name = text(row?.name).trim();
    const contact = text(row?.contact).trim();
    return name ? [{ name, ...(contact ? { contact } : {}) }] : [];
  });

/** The API body for completing `step` from the form's values. */
export function evidenceBody(step: Step, v: EvidenceValues): Record<string, unknown> {
  switch (step) {
    case "collect":
      return { summary: text(v.summary), raisedBy: raisers(v.raisedBy) };
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

function RaisedByRows({ t }: Pick<FieldsProps, "t">) {
  return (
    <Form.List name="raisedBy" initialValue={[{}]}>
      {(rows, { add, remove }) => (
        <>
          {rows.map((row) => (
            <Row key={row.key} gutter={12} align="top" wrap>
              <Col xs={24} sm={10}>
                <Form.Item name={[row.name, "name"]} label={t.raisedByName} rules={required}>
                  <Input maxLength={50} />
                </Form.Item>
              </Col>
              <Col xs={20} sm={12}>
                <Form.Item name={[row.name, "contact"]} label={t.raisedByContact}>
                  <Input maxLength={100} placeholder={t.raisedByContactHint} />
                </Form.Item>
              </Col>
              <Col xs={4} sm={2}>
                {rows.length > 1 && (
                  <Form.Item label=" " colon={false}>
                    <Button
                      type="text"
                      aria-label={t.removeRaiser}
                      icon={<MinusCircleOutlined />}
                      onClick={() => remove(row.name)}
                    />
                  </Form.Item>
                )}
              </Col>
            </Row>
          ))}
          <Form.Item extra={t.raisedByExtra}>
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
              {t.addRaiser}
            </Button>
          </Form.Item>
        </>
      )}
    </Form.List>
  );
}

function CollectFields({ t }: FieldsProps) {
  return (
    <>
      <Form.Item name="summary" label={t.summary} rules={required}>
        <Input.TextArea rows={3} />
      </Form.Item>
      <RaisedByRows t={t} />
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
