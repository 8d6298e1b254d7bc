/** Register a member (the county office); the API checks the mobile number and e-mail. */
import { Card, Form, Input, Select } from "antd";
import { useNavigate } from "react-router-dom";
import { unwrap } from "../api/errors";
import { useSession } from "../app-context";
import { channelLabels, labelOf } from "../i18n/vocabulary";
import { ApiForm } from "../patterns/api-form";

interface MemberForm {
  name: string;
  sector: string;
  profession: string;
  expertise?: string;
  township?: string;
  phone: string;
  email?: string;
  preferences: { language: "zh-CN" | "en"; channel: "sms" | "email" };
}

export function MemberNewPage() {
  const { api, t, language } = useSession();
  const navigate = useNavigate();
  return (
    <Card title={<h2 style={{ margin: 0, fontSize: 20 }}>{t.registerMember}</h2>} style={{ maxWidth: 720 }}>
      <ApiForm<MemberForm>
        name="member"
        initialValues={{ preferences: { language: "zh-CN", channel: "sms" } }}
        submit={({ expertise, township, email, ...values }) =>
          unwrap(
            api.POST("/members", {
              body: {
                ...values,
                expertise: (expertise ?? "")
                  .split(/[,，、]/)
                  .map((e) => e.trim())
                  .filter(Boolean),
                ...(township ? { township } : {}),
                ...(email ? { email } : {}),
              },
              params: { header: { "Idempotency-Key": crypto.randomUUID() } },
            }),
          )
        }
        onDone={(member) => navigate(`/members/${(member as { id: string }).id}`)}
      >
        <Form.Item name="name" label={t.memberName} rules={[{ required: true }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="sector" label={t.sector} rules={[{ required: true }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="profession" label={t.profession} rules={[{ required: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="expertise" label={t.expertise}>
          <Input />
        </Form.Item>
        <Form.Item name="township" label={t.township}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="phone" label={t.phone} rules={[{ required: true }]}>
          <Input inputMode="tel" />
        </Form.Item>
        <Form.Item name="email" label={t.email}>
          <Input inputMode="email" />
        </Form.Item>
        <Form.Item name={["preferences", "channel"]} label={t.channel}>
          <Select
            options={[
              { value: "sms", label: labelOf(channelLabels, "sms", language) },
              { value: "email", label: t.email },
            ]}
          />
        </Form.Item>
      </ApiForm>
    </Card>
  );
}
