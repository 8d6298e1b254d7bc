/** A station: its details and 六有 checklist, the members serving there, invitations, suggested members, its topics. */
import { Alert, Card, Descriptions, Flex, List, Spin, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { Link, useParams } from "react-router-dom";
import { unwrap } from "../api/errors";
import type { Assignment, Topic } from "../api/types";
import { useSession } from "../app-context";
import { can } from "../auth/session";
import { DutyRoster } from "../duty/duty-roster";
import { assignmentBasisLabels, labelOf, stationStatusLabels } from "../i18n/vocabulary";
import { InviteModal, type InviteTarget } from "../invitations/invite-form";
import { MemberSuggestions } from "../invitations/member-suggestions";
import { StationInvitations } from "../invitations/station-invitations";
import { useStationMembers } from "../members/station-members";
import { ExportButton } from "../patterns/export-button";
import { Section } from "../patterns/section";
import { tone } from "../patterns/tone";
import { type Loaded, useLoad } from "../patterns/use-load";
import { topicColumns } from "../topics/parts";

const standardNames = {
  "zh-CN": {
    venue: "有场所",
    signage: "有标识",
    rules: "有制度",
    process: "有流程",
    activities: "有活动",
    results: "有成效",
  },
  en: {
    venue: "Venue",
    signage: "Signage",
    rules: "Rules",
    process: "Process",
    activities: "Activities",
    results: "Results",
  },
} as const;

function StationMembers({
  stationId,
  members,
}: {
  stationId: string;
  members: Loaded<{ items: Assignment[] }>;
}) {
  const { t, language, session } = useSession();
  return (
    <Section
      title={t.stationMembers}
      extra={
        session.role !== "member" && (
          <ExportButton
            path={`/stations/${stationId}/members`}
            fileName="station-members"
            label={t.stationMembers}
          />
        )
      }
    >
      <List<Assignment>
        loading={members.loading}
        dataSource={members.data?.items ?? []}
        locale={{ emptyText: t.nothing }}
        renderItem={(a) => (
          <List.Item>
            {session.role === "member" ? (
              (a.member?.name ?? a.memberId)
            ) : (
              <Link to={`/members/${a.memberId}`}>{a.member?.name ?? a.memberId}</Link>
            )}{" "}
            {a.basis && <Tag>{labelOf(assignmentBasisLabels, a.basis, language)}</Tag>}
          </List.Item>
        )}
      />
    </Section>
  );
}

/** What the station's own staff (and the county office) do here: see whom to invite, invite, withdraw. */
function StationInviting({ stationId, topics }: { stationId: string; topics: readonly Topic[] }) {
  const { api } = useSession();
  const [target, setTarget] = useState<InviteTarget | undefined>();
  const invitations = useLoad(
    () =>
      unwrap(
        api.GET("/stations/{stationId}/invitations", {
          params: { path: { stationId }, query: { limit: 100 } },
        }),
      ),
    [api, stationId],
  );
  return (
    <>
      <MemberSuggestions stationId={stationId} topics={topics} onInvite={setTarget} />
      <StationInvitations
        stationId={stationId}
        invitations={invitations}
        topics={topics}
        onInvite={() => setTarget({})}
      />
      <InviteModal
        stationId={stationId}
        target={target}
        topics={topics}
        onClose={() => setTarget(undefined)}
        onInvited={() => {
          setTarget(undefined);
          invitations.reload();
        }}
      />
    </>
  );
}

function StationLists({ stationId }: { stationId: string }) {
  const { api, t, session } = useSession();
  const columnOf = topicColumns(t);
  const topics = useLoad(
    () => unwrap(api.GET("/topics", { params: { query: { stationId, limit: 100 } } })),
    [api, stationId],
  );
  const { members, choices: memberChoices } = useStationMembers(stationId);
  return (
    <>
      <StationMembers stationId={stationId} members={members} />
      <DutyRoster stationId={stationId} members={memberChoices} />
      <Section
        title={t.topics}
        extra={<ExportButton path="/topics" query={{ stationId }} fileName="topics" label={t.topics} />}
      >
        <Table<Topic>
          size="small"
          loading={topics.loading}
          dataSource={topics.data?.items ?? []}
          rowKey={(row) => row.id}
          pagination={false}
          scroll={{ x: "max-content" }}
          columns={[columnOf.title, columnOf.step, columnOf.status, columnOf.deadline]}
        />
      </Section>
      {can.workOnTopic(session, stationId) && (
        <StationInviting stationId={stationId} topics={topics.data?.items ?? []} />
      )}
    </>
  );
}

export function StationPage() {
  const { stationId = "" } = useParams();
  const { api, t, language } = useSession();
  const loaded = useLoad(
    () => unwrap(api.GET("/stations/{stationId}", { params: { path: { stationId } } })),
    [api, stationId],
  );
  if (loaded.error) return <Alert type="error" title={loaded.error.message} showIcon />;
  const station = loaded.data;
  if (!station) return <Spin />;
  const names = standardNames[language];
  return (
    <Flex vertical gap="middle">
      <Card
        title={
          <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>
            {station.name}
          </Typography.Title>
        }
      >
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t.kind}>
            {station.kind === "room" ? t.kindRoom : t.kindStation}
          </Descriptions.Item>
          <Descriptions.Item label={t.zone}>{station.zone}</Descriptions.Item>
          <Descriptions.Item label={t.township}>{station.township ?? t.none}</Descriptions.Item>
          <Descriptions.Item label={t.venueName}>{station.hostVenue.name}</Descriptions.Item>
          <Descriptions.Item label={t.liaisonLeader}>{station.liaison.leader ?? t.none}</Descriptions.Item>
          <Descriptions.Item label={t.status}>
            <Tag>{labelOf(stationStatusLabels, station.status, language)}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t.standards} span={2}>
            <Flex wrap gap="small" data-testid="standards">
              {(Object.keys(names) as (keyof typeof names)[]).map((item) => (
                <Tag key={item} color={tone(station.standards[item]?.met ? "success" : "default")}>
                  {station.standards[item]?.met ? "✓" : "✗"} {names[item]}
                </Tag>
              ))}
            </Flex>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <StationLists stationId={station.id} />
    </Flex>
  );
}
