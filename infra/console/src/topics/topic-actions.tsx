/** What staff do to an open topic: complete the step with its evidence, return it, reject it, extend the deadline. */
import { Form, Input, Select, Tabs } from "antd";
import { unwrap } from "../api/errors";
import type { TopicDetail } from "../api/types";
import { useSession } from "../app-context";
import { todayInShanghai } from "../format";
import { useStationMembers } from "../members/station-members";
import { ApiForm } from "../patterns/api-form";
import { useTopicCategories } from "./categories";
import { EvidenceFields, type EvidenceValues, evidenceBody, evidenceFieldMap } from "./step-forms";
import { stepName, steps } from "./steps";

interface Props {
  readonly topic: TopicDetail;
  readonly onChanged: () => void;
}

function CompleteForm({ topic, onChanged }: Props) {
  const { api, t, language } = useSession();
  const { choices: members } = useStationMembers(topic.stationId);
  const today = todayInShanghai();
  return (
    <ApiForm<EvidenceValues>
      key={`${topic.step}-${topic.version}`}
      name={`complete-${topic.step}`}
      initialValues={{ date: today, sentOn: today, respondedOn: today, givenOn: today }}
      fieldMap={evidenceFieldMap}
      submitLabel={t.completeStep}
      submit={(values) =>
        unwrap(
          api.POST("/topics/{topicId}/steps/{step}/complete", {
            params: { path: { topicId: topic.id, step: topic.step } },
            body: evidenceBody(topic.step, values) as never,
          }),
        )
      }
      onDone={onChanged}
    >
      <EvidenceFields step={topic.step} t={t} language={language} members={members} />
    </ApiForm>
  );
}

function ReturnForm({ topic, onChanged }: Props) {
  const { api, t, language } = useSession();
  const earlier = steps.slice(0, steps.indexOf(topic.step));
  return (
    <ApiForm<{ toStep: (typeof steps)[number]; reason: string }>
      key={`return-${topic.version}`}
      name="return"
      initialValues={earlier.length > 0 ? { toStep: earlier[earlier.length - 1] } : {}}
      submitLabel={t.returnStep}
      submit={(values) =>
        unwrap(
          api.POST("/topics/{topicId}/return", {
            params: { path: { topicId: topic.id } },
            body: { step: topic.step, ...values },
          }),
        )
      }
      onDone={onChanged}
    >
      <Form.Item name="toStep" label={t.toStep} rules={[{ required: true }]}>
        <Select options={earlier.map((s) => ({ value: s, label: stepName(s, language) }))} />
      </Form.Item>
      <Form.Item name="reason" label={t.reason} rules={[{ required: true }]}>
        <Input.TextArea rows={2} />
      </Form.Item>
    </ApiForm>
  );
}

function RejectForm({ topic, onChanged }: Props) {
  const { api, t } = useSession();
  return (
    <ApiForm<{ reason: string }>
      name="reject"
      submitLabel={t.rejectTopic}
      submit={(values) =>
        unwrap(
          api.POST("/topics/{topicId}/reject", {
            params: { path: { topicId: topic.id } },
            body: { step: topic.step, reason: values.reason },
          }),
        )
      }
      onDone={onChanged}
    >
      <Form.Item name="reason" label={t.reason} rules={[{ required: true }]}>
        <Input.TextArea rows={2} />
      </Form.Item>
    </ApiForm>
  );
}

function ExtendForm({ topic, onChanged }: Props) {
  const { api, t } = useSession();
  return (
    <ApiForm<{ deadline: string; reason: string }>
      key={`extend-${topic.version}`}
      name="extend"
      submitLabel={t.extendDeadline}
      submit={(values) =>
        unwrap(
          api.PATCH("/topics/{topicId}/deadline", { params: { path: { topicId: topic.id } }, body: values }),
        )
      }
      onDone={onChanged}
    >
      <Form.Item name="deadline" label={t.newDeadline} rules={[{ required: true }]}>
        <Input type="date" />
      </Form.Item>
      <Form.Item name="reason" label={t.reason} rules={[{ required: true }]}>
        <Input.TextArea rows={2} />
      </Form.Item>
    </ApiForm>
  );
}

function CategoryForm({ topic, onChanged }: Props) {
  const { api, t } = useSession();
  const categories = useTopicCategories();
  return (
    <ApiForm<{ category?: string }>
      key={`category-${topic.version}`}
      name="category"
      initialValues={{ category: topic.category }}
      submitLabel={t.changeCategory}
      submit={({ category }) =>
        unwrap(
          api.PATCH("/topics/{topicId}", {
            params: { path: { topicId: topic.id } },
            body: { category: category ?? null, version: topic.version },
          }),
        )
      }
      onDone={onChanged}
    >
      <Form.Item name="category" label={t.category}>
        <Select allowClear placeholder={t.uncategorized} options={categories.options} />
      </Form.Item>
    </ApiForm>
  );
}

export function TopicActions(props: Props) {
  const { t } = useSession();
  const { topic } = props;
  const items = [
    { key: "complete", label: t.completeStep, children: <CompleteForm {...props} /> },
    ...(topic.step !== "collect"
      ? [{ key: "return", label: t.returnStep, children: <ReturnForm {...props} /> }]
      : []),
    ...(topic.step === "determine"
      ? [{ key: "reject", label: t.rejectTopic, children: <RejectForm {...props} /> }]
      : []),
    ...(topic.deadline
      ? [{ key: "extend", label: t.extendDeadline, children: <ExtendForm {...props} /> }]
      : []),
    { key: "category", label: t.changeCategory, children: <CategoryForm {...props} /> },
  ];
  // A new version (a step done, returned, extended) opens the step's form again.
  return <Tabs key={topic.version} items={items} destroyOnHidden />;
}
