/** 登记社情民意: an item from a resident (their name, a mobile number if they left one) or from a member. */
import { Card, Form, Input, Select, Typography } from "antd";
import { useNavigate } from "react-router-dom";
import { useRoster } from "../activities/activity-fields";
import { StationPicker, useStationChoice } from "../activities/station-choice";
import { unwrap } from "../api/errors";
import { useSession } from "../app-context";
import { todayInShanghai } from "../format";
import { choicesOf, opinionSourceLabels } from "../i18n/vocabulary";
import { ApiForm } from "../patterns/api-form";
import { useTopicCategories } from "../topics/categories";
import type { Opinion } from "./opinion";

interface OpinionValues {
  title: string;
  content: string;
  source: Opinion["source"];
  submitter?: { name?: string; phone?: string };
  memberId?: string;
  receivedOn?: string;
  category?: string;
}

function body({ submitter, memberId, receivedOn, category, ...values }: OpinionValues) {
  const resident = values.source === "resident";
  return {
    ...values,
    ...(resident && submitter
      ? { submitter: { name: submitter.name ?? "", ...(submitter.phone ? { phone: submitter.phone } : {}) } }
      : {}),
    ...(!resident && memberId ? { memberId } : {}),
    ...(receivedOn ? { receivedOn } : {}),
    ...(category ? { category } : {}),
  };
}

export function OpinionNew() {
  const { api, t, language, session } = useSession();
  const navigate = useNavigate();
  const choice = useStationChoice();
  const stationId = choice.stationId;
  const roster = useRoster(session.role === "member" ? undefined : stationId);
  const categories = useTopicCategories();
  const [form] = Form.useForm<OpinionValues>();
  const source = Form.useWatch("source", form);
  return (
    <Card
      title={
        <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>
          {t.opinionNew}
        </Typography.Title>
      }
      extra={<StationPicker choice={choice} />}
      style={{ maxWidth: 720 }}
    >
      <ApiForm<OpinionValues>
        form={form}
        name="opinion"
        initialValues={{ source: "resident", receivedOn: todayInShanghai() }}
        submit={(values) =>
          unwrap(
            api.POST("/stations/{stationId}/opinions", {
              params: {
                path: { stationId: stationId ?? "" },
                header: { "Idempotency-Key": crypto.randomUUID() },
              },
              body: body(values),
            }),
          )
        }
        onDone={(opinion) => navigate(`/opinions/${(opinion as { id: string }).id}`)}
      >
        <Form.Item name="title" label={t.opinionTitle} rules={[{ required: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="content" label={t.opinionContent} rules={[{ required: true }]}>
          <Input.TextArea rows={4} maxLength={2000} />
        </Form.Item>
        <Form.Item name="source" label={t.opinionSource}>
          <Select options={choicesOf(opinionSourceLabels, language)} />
        </Form.Item>
        {source === "resident" && (
          <>
            <Form.Item name={["submitter", "name"]} label={t.opinionSubmitter}>
              <Input maxLength={50} />
            </Form.Item>
            <Form.Item name={["submitter", "phone"]} label={t.opinionSubmitterPhone}>
              <Input inputMode="tel" />
            </Form.Item>
          </>
        )}
        {source === "member" && session.role !== "member" && (
          <Form.Item name="memberId" label={t.opinionMember}>
            <Select options={roster} showSearch={{ optionFilterProp: "label" }} />
          </Form.Item>
        )}
        <Form.Item name="receivedOn" label={t.opinionReceivedOn}>
          <Input type="date" max={todayInShanghai()} />
        </Form.Item>
        <Form.Item name="category" label={t.category}>
          <Select allowClear placeholder={t.uncategorized} options={categories.options} />
        </Form.Item>
      </ApiForm>
    </Card>
  );
}
