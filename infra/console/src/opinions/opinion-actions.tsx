/**
 * The county office's (and the station staff's) handling of an item, each a small form: 报送 while
 * received; 采用 or 未采用 once reported; 转为议题 once, at any status. The API checks the status.
 */
import { Flex, Form, Input, Typography } from "antd";
import { useNavigate } from "react-router-dom";
import { unwrap } from "../api/errors";
import { useSession } from "../app-context";
import { todayInShanghai } from "../format";
import { ApiForm } from "../patterns/api-form";
import { Section } from "../patterns/section";
import type { Opinion } from "./opinion";

interface Props {
  readonly opinion: Opinion;
  readonly onDone: () => void;
}

/** A county date, today by default, none after today. */
function DayField({ name, label }: { readonly name: string; readonly label: string }) {
  return (
    <Form.Item name={name} label={label}>
      <Input type="date" max={todayInShanghai()} />
    </Form.Item>
  );
}

function ReportForm({ opinion, onDone }: Props) {
  const { api, t } = useSession();
  return (
    <ApiForm<{ to: string; reportedOn?: string }>
      name="opinion-report"
      submitLabel={t.opinionReport}
      initialValues={{ to: "县政协", reportedOn: todayInShanghai() }}
      submit={({ to, reportedOn }) =>
        unwrap(
          api.POST("/opinions/{opinionId}/report", {
            params: { path: { opinionId: opinion.id } },
            body: { to, ...(reportedOn ? { reportedOn } : {}), version: opinion.version },
          }),
        )
      }
      onDone={onDone}
    >
      <Form.Item name="to" label={t.opinionReportTo} rules={[{ required: true }]}>
        <Input maxLength={100} />
      </Form.Item>
      <DayField name="reportedOn" label={t.opinionReportedOn} />
    </ApiForm>
  );
}

function AdoptForm({ opinion, onDone }: Props) {
  const { api, t } = useSession();
  return (
    <ApiForm<{ adoptedBy: string; note?: string; adoptedOn?: string }>
      name="opinion-adopt"
      submitLabel={t.opinionAdopt}
      initialValues={{ adoptedOn: todayInShanghai() }}
      submit={({ adoptedBy, note, adoptedOn }) =>
        unwrap(
          api.POST("/opinions/{opinionId}/adopt", {
            params: { path: { opinionId: opinion.id } },
            body: {
              adoptedBy,
              ...(note ? { note } : {}),
              ...(adoptedOn ? { adoptedOn } : {}),
              version: opinion.version,
            },
          }),
        )
      }
      onDone={onDone}
    >
      <Form.Item name="adoptedBy" label={t.opinionAdoptedBy} rules={[{ required: true }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="note" label={t.opinionAdoptionNote}>
        <Input maxLength={1000} />
      </Form.Item>
      <DayField name="adoptedOn" label={t.opinionAdoptedOn} />
    </ApiForm>
  );
}

function DeclineForm({ opinion, onDone }: Props) {
  const { api, t } = useSession();
  return (
    <ApiForm<{ reason: string; declinedOn?: string }>
      name="opinion-decline"
      submitLabel={t.opinionDecline}
      initialValues={{ declinedOn: todayInShanghai() }}
      submit={({ reason, declinedOn }) =>
        unwrap(
          api.POST("/opinions/{opinionId}/decline", {
            params: { path: { opinionId: opinion.id } },
            body: { reason, ...(declinedOn ? { declinedOn } : {}), version: opinion.version },
          }),
        )
      }
      onDone={onDone}
    >
      <Form.Item name="reason" label={t.opinionDeclineReason} rules={[{ required: true }]}>
        <Input maxLength={1000} />
      </Form.Item>
      <DayField name="declinedOn" label={t.opinionDeclinedOn} />
    </ApiForm>
  );
}

function PromoteForm({ opinion }: Props) {
  const { api, t } = useSession();
  const navigate = useNavigate();
  return (
    <ApiForm<Record<string, never>>
      name="opinion-promote"
      submitLabel={t.opinionPromote}
      submit={() =>
        unwrap(
          api.POST("/opinions/{opinionId}/promote", {
            params: { path: { opinionId: opinion.id }, header: { "Idempotency-Key": crypto.randomUUID() } },
            body: {},
          }),
        )
      }
      onDone={(result) => navigate(`/topics/${(result as { topic: { id: string } }).topic.id}`)}
    >
      <Typography.Paragraph>{t.opinionPromoteHint}</Typography.Paragraph>
    </ApiForm>
  );
}

export function OpinionActions(props: Props) {
  const { t } = useSession();
  const { status, topicId } = props.opinion;
  return (
    <Section title={t.opinionActions}>
      <Flex vertical gap="large">
        {status === "received" && <ReportForm {...props} />}
        {status === "reported" && <AdoptForm {...props} />}
        {status === "reported" && <DeclineForm {...props} />}
        {!topicId && <PromoteForm {...props} />}
      </Flex>
    </Section>
  );
}
