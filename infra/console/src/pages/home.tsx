/**
 * 工作台: for staff and the county office, my open topics by step (overdue and soonest first) and the
 * notices that did not arrive, and a station staff's 4+X pace; for a member, the topics at my stations
 * and those I take part in, my next duty shifts and my invitations.
 */
import { Alert, Card, Col, Flex, List, Row, Table, Typography } from "antd";
import { useState } from "react";
import { Link } from "react-router-dom";
import { unwrap } from "../api/errors";
import type { Notification, Topic } from "../api/types";
import { useSession } from "../app-context";
import { can } from "../auth/session";
import { dateTime } from "../format";
import { MyInvitations, useMyInvitations } from "../invitations/my-invitations";
import { useLoad } from "../patterns/use-load";
import { byUrgency, topicColumns, useStations } from "../topics/parts";
import { MyStationsPace, NextDutyShift } from "./home-cards";

function MyTopics({
  title,
  refresh = 0,
  stationNames = {},
}: {
  readonly title: string;
  /** Changes when the list may have grown (a member accepted an invitation to a topic). */
  readonly refresh?: number;
  /** Names of stations the caller cannot list (a topic a member takes part in by invitation). */
  readonly stationNames?: Readonly<Record<string, string>>;
}) {
  const { api, t } = useSession();
  const columnOf = topicColumns(t);
  const { nameOf } = useStations();
  const topics = useLoad(
    async () =>
      [
        ...(await unwrap(api.GET("/topics", { params: { query: { status: "open", limit: 100 } } }))).items,
      ].sort(byUrgency),
    [api, refresh],
  );
  const stationOf = (id: string) => {
    const listed = nameOf(id);
    return listed !== id ? listed : (stationNames[id] ?? id);
  };
  return (
    <Card
      title={
        <Typography.Title level={2} style={{ margin: 0, fontSize: 16 }}>
          {title}
        </Typography.Title>
      }
      data-testid="my-topics"
    >
      {topics.error && <Alert type="error" title={topics.error.message} showIcon />}
      <Table<Topic>
        size="small"
        loading={topics.loading}
        dataSource={topics.data ?? []}
        rowKey={(row) => row.id}
        pagination={false}
        scroll={{ x: "max-content" }}
        locale={{ emptyText: t.nothing }}
        columns={[
          columnOf.title,
          columnOf.step,
          columnOf.deadline,
          { title: t.station, key: "station", render: (_, row) => stationOf(row.stationId) },
        ]}
      />
    </Card>
  );
}

function FailedNotices() {
  const { api, t, language } = useSession();
  const failed = useLoad(
    () => unwrap(api.GET("/notifications", { params: { query: { status: "failed", limit: 10 } } })),
    [api],
  );
  return (
    <Card
      title={
        <Typography.Title level={2} style={{ margin: 0, fontSize: 16 }}>
          {t.failedNotices}
        </Typography.Title>
      }
      extra={<Link to="/notifications">{t.notifications}</Link>}
      data-testid="failed-notices"
    >
      {failed.error && <Alert type="error" title={failed.error.message} showIcon />}
      <List<Notification>
        loading={failed.loading}
        dataSource={failed.data?.items ?? []}
        locale={{ emptyText: t.nothing }}
        renderItem={(n) => (
          <List.Item>
            <List.Item.Meta
              title={`${n.recipient.name} · ${n.subject}`}
              description={`${dateTime(n.createdAt, language)} ${n.lastError ?? ""}`}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}

/**
 * A member's home: the topics of their stations and those they take part in, their duty shifts and
 * invitations. Accepting an invitation to a topic brings the topic into the list at once, named with
 * its station (which the member may not list: the invitation says it).
 */
function MemberHome({ memberId }: { readonly memberId: string }) {
  const { t } = useSession();
  const invitations = useMyInvitations(memberId);
  const [answered, setAnswered] = useState(0);
  const stationNames = Object.fromEntries(
    (invitations.data?.items ?? []).map((invitation) => [invitation.stationId, invitation.stationName]),
  );
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={14}>
        <MyTopics title={t.memberTopics} refresh={answered} stationNames={stationNames} />
      </Col>
      <Col xs={24} lg={10}>
        <Flex vertical gap="middle">
          <NextDutyShift memberId={memberId} />
          <MyInvitations invitations={invitations} onAnswered={() => setAnswered((n) => n + 1)} />
        </Flex>
      </Col>
    </Row>
  );
}

export function HomePage() {
  const { session, t } = useSession();
  return (
    <Flex vertical gap="middle">
      <Typography.Title level={1} style={{ margin: 0, fontSize: 22 }}>
        {t.home}
      </Typography.Title>
      {session.role === "member" ? (
        session.memberId ? (
          <MemberHome memberId={session.memberId} />
        ) : (
          <MyTopics title={t.memberTopics} />
        )
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={16}>
            <MyTopics title={t.myTopics} />
          </Col>
          {session.role === "staff" && session.stationIds.length > 0 && (
            <Col xs={24} xl={8}>
              <MyStationsPace stationIds={session.stationIds} />
            </Col>
          )}
          {can.seeNotifications(session) && (
            <Col xs={24} xl={8}>
              <FailedNotices />
            </Col>
          )}
        </Row>
      )}
    </Flex>
  );
}
