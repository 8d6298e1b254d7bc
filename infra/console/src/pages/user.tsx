/** A sign-in user's page: change the name, role, stations or member, or deactivate (takes effect within a minute). */
import { Alert, Card, Descriptions, Flex, Spin } from "antd";
import { useParams } from "react-router-dom";
import { unwrap } from "../api/errors";
import { useSession } from "../app-context";
import { dateTime } from "../format";
import { ApiForm } from "../patterns/api-form";
import { useLoad } from "../patterns/use-load";
import { UserFields, type UserValues, userBody } from "../users/user-fields";

export function UserPage() {
  const { subject = "" } = useParams();
  const { api, t, language } = useSession();
  const path = { subject };
  const loaded = useLoad(() => unwrap(api.GET("/users/{subject}", { params: { path } })), [api, subject]);
  if (loaded.error) return <Alert type="error" title={loaded.error.message} showIcon />;
  const user = loaded.data;
  if (!user) return <Spin />;
  return (
    <Flex vertical gap="middle" style={{ maxWidth: 720 }}>
      <Card title={<h2 style={{ margin: 0, fontSize: 20 }}>{user.name}</h2>}>
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t.userSubject}>{user.subject}</Descriptions.Item>
          <Descriptions.Item label={t.updatedAt}>{dateTime(user.updatedAt, language)}</Descriptions.Item>
        </Descriptions>
        <ApiForm<UserValues>
          key={user.version}
          name="user"
          submitLabel={t.save}
          initialValues={{
            name: user.name,
            role: user.role,
            active: user.active,
            stationIds: user.stationIds,
            ...(user.memberId ? { memberId: user.memberId } : {}),
          }}
          submit={(values) => {
            const body = userBody(values);
            return unwrap(
              api.PATCH("/users/{subject}", {
                params: { path },
                body: { ...body, memberId: body.memberId ?? null, version: user.version },
              }),
            );
          }}
          onDone={loaded.reload}
        >
          <UserFields />
        </ApiForm>
      </Card>
    </Flex>
  );
}
