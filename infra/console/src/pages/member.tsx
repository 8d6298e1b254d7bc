/** A member: their record and the stations they serve at. */
import { Alert, Card, Descriptions, Flex, List, Spin, Tag, Typography } from "antd";
import { Link, useParams } from "react-router-dom";
import { unwrap } from "../api/errors";
import { useSession } from "../app-context";
import { date } from "../format";
import { assignmentBasisLabels, labelOf } from "../i18n/vocabulary";
import { useLoad } from "../patterns/use-load";

export function MemberPage() {
  const { memberId = "" } = useParams();
  const { api, t, language } = useSession();
  const loaded = useLoad(
    () => unwrap(api.GET("/members/{memberId}", { params: { path: { memberId } } })),
    [api, memberId],
  );
  if (loaded.error) return <Alert type="error" title={loaded.error.message} showIcon />;
  const member = loaded.data;
  if (!member) return <Spin />;
  return (
    <Flex vertical gap="middle">
      <Card
        title={
          <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>
            {member.name}
          </Typography.Title>
        }
      >
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t.sector}>{member.sector}</Descriptions.Item>
          <Descriptions.Item label={t.profession}>{member.profession}</Descriptions.Item>
          <Descriptions.Item label={t.expertise}>{member.expertise.join("、") || t.none}</Descriptions.Item>
          <Descriptions.Item label={t.township}>{member.township ?? t.none}</Descriptions.Item>
          <Descriptions.Item label={t.phone}>{member.phone ?? t.none}</Descriptions.Item>
          <Descriptions.Item label={t.email}>{member.email ?? t.none}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card
        title={
          <Typography.Title level={3} style={{ margin: 0, fontSize: 16 }}>
            {t.stations}
          </Typography.Title>
        }
      >
        <List
          dataSource={member.stations ?? []}
          locale={{ emptyText: t.nothing }}
          renderItem={(s) => (
            <List.Item>
              <Link to={`/stations/${s.stationId}`}>{s.name}</Link>{" "}
              {s.basis && <Tag>{labelOf(assignmentBasisLabels, s.basis, language)}</Tag>}{" "}
              {date(s.since, language)}
            </List.Item>
          )}
        />
      </Card>
    </Flex>
  );
}
