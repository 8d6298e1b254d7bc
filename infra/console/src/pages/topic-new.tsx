/** Register a topic at one of my stations; the API's messages appear beside the fields. */
import { Card, Form, Input, Select } from "antd";
import { useEffect } from "react";
import { useNavigate } from "react-router-dom";
import { unwrap } from "../api/errors";
import { useSession } from "../app-context";
import { choicesOf, topicSourceLabels } from "../i18n/vocabulary";
import { ApiForm } from "../patterns/api-form";
import { useTopicCategories } from "../topics/categories";
import { useStations } from "../topics/parts";

interface TopicForm {
  stationId: string;
  title: string;
  description?: string;
  source: "resident" | "member" | "publicOpinion" | "partyGovernment";
  responsible: { name: string; phone?: string };
  category?: string;
}

export function TopicNewPage() {
  const { api, t, language, session } = useSession();
  const { stations } = useStations();
  const categories = useTopicCategories();
  const navigate = useNavigate();
  const mine = stations.filter((s) => session.role === "admin" || session.stationIds.includes(s.id));
  const [form] = Form.useForm<TopicForm>();
  // One station of my own: it is the one, once the stations have loaded.
  useEffect(() => {
    if (mine.length === 1 && mine[0] && !form.getFieldValue("stationId"))
      form.setFieldValue("stationId", mine[0].id);
  }, [mine, form]);
  return (
    <Card title={<h2 style={{ margin: 0, fontSize: 20 }}>{t.registerTopic}</h2>} style={{ maxWidth: 720 }}>
      <ApiForm<TopicForm>
        name="topic"
        form={form}
        initialValues={{ source: "resident" }}
        submit={(values) =>
          unwrap(
            api.POST("/topics", {
              body: {
                ...values,
                description: values.description ?? "",
                responsible: {
                  name: values.responsible.name,
                  ...(values.responsible.phone ? { phone: values.responsible.phone } : {}),
                },
              },
              params: { header: { "Idempotency-Key": crypto.randomUUID() } },
            }),
          )
        }
        onDone={(topic) => navigate(`/topics/${(topic as { id: string }).id}`)}
      >
        <Form.Item name="stationId" label={t.station} rules={[{ required: true }]}>
          <Select options={mine.map((s) => ({ value: s.id, label: s.name }))} />
        </Form.Item>
        <Form.Item name="title" label={t.title} rules={[{ required: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="description" label={t.description}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item name="source" label={t.source}>
          <Select options={choicesOf(topicSourceLabels, language)} />
        </Form.Item>
        <Form.Item name="category" label={t.category}>
          <Select allowClear placeholder={t.uncategorized} options={categories.options} />
        </Form.Item>
        <Form.Item name={["responsible", "name"]} label={t.responsible} rules={[{ required: true }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name={["responsible", "phone"]} label={t.responsiblePhone}>
          <Input inputMode="tel" />
        </Form.Item>
      </ApiForm>
    </Card>
  );
}
