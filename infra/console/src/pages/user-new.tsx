/**
 * 开通用户: the county office lets someone sign in — the subject (`sub`) their identity provider
 * gives them, and what they are here. An existing subject is not overwritten: it is changed on its page.
 */
import { Card, Form, Input } from "antd";
import { useNavigate } from "react-router-dom";
import { unwrap } from "../api/errors";
import { useSession } from "../app-context";
import { ApiForm } from "../patterns/api-form";
import { UserFields, type UserValues, userBody } from "../users/user-fields";

export function UserNewPage() {
  const { api, t } = useSession();
  const navigate = useNavigate();
  return (
    <Card title={<h2 style={{ margin: 0, fontSize: 20 }}>{t.addUser}</h2>} style={{ maxWidth: 720 }}>
      <ApiForm<UserValues & { subject: string }>
        name="user"
        initialValues={{ role: "staff", active: true }}
        submit={({ subject, ...values }) =>
          unwrap(
            api.PUT("/users/{subject}", {
              params: { path: { subject: subject.trim() } },
              body: userBody(values),
              // Only creates: someone who can sign in already is changed on their page, not overwritten here.
              headers: { "If-None-Match": "*" },
            }),
          )
        }
        onDone={(user) => navigate(`/users/${encodeURIComponent((user as { subject: string }).subject)}`)}
      >
        <Form.Item
          name="subject"
          label={t.userSubject}
          extra={t.userSubjectHint}
          rules={[{ required: true }]}
        >
          <Input maxLength={200} autoComplete="off" />
        </Form.Item>
        <UserFields />
      </ApiForm>
    </Card>
  );
}
