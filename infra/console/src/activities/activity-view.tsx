/** An activity: its details, the members present, who changed it and why; correction and deletion for those who may. */
import { Alert, Button, Card, Descriptions, Flex, Form, Input, Spin, Tag, Typography } from "antd";
import { Link, useNavigate } from "react-router-dom";
import { unwrap } from "../api/errors";
import { useSession } from "../app-context";
import { can } from "../auth/session";
import { date, dateTime } from "../format";
import { ApiForm } from "../patterns/api-form";
import { Section } from "../patterns/section";
import { tone } from "../patterns/tone";
import { useLoad } from "../patterns/use-load";
import { type Activity, activityName } from "./activity";
import { useRoster } from "./activity-fields";
import { ActivityHistory } from "./activity-history";
import { useActivity } from "./use-activity";

/** The title of the topic an activity belongs to (read only when it has one). */
function useTopicTitle(topicId: string | undefined) {
  const { api } = useSession();
  return useLoad(
    () =>
      topicId
        ? unwrap(api.GET("/topics/{topicId}", { params: { path: { topicId } } })).then((topic) => topic.title)
        : Promise.resolve(undefined),
    [api, topicId],
  );
}

function Details({ activity }: { readonly activity: Activity }) {
  const { t, language } = useSession();
  const roster = useRoster(activity.stationId);
  const nameOf = (id: string) => roster.find((m) => m.value === id)?.label ?? id;
  const topicTitle = useTopicTitle(activity.topicId);
  return (
    <Descriptions column={{ xs: 1, md: 2 }} size="small">
      <Descriptions.Item label={t.activityType}>{activityName(activity, language)}</Descriptions.Item>
      <Descriptions.Item label={t.activityDate}>{date(activity.date, language)}</Descriptions.Item>
      <Descriptions.Item label={t.activityPlace}>{activity.place}</Descriptions.Item>
      <Descriptions.Item label={t.activityResidents}>{activity.residentsReached ?? t.none}</Descriptions.Item>
      <Descriptions.Item label={t.activityMembers} span={2}>
        <span data-testid="activity-members">{activity.memberIds.map(nameOf).join("、") || t.none}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t.activitySummary} span={2}>
        {activity.summary ?? t.none}
      </Descriptions.Item>
      <Descriptions.Item label={t.activityRecordedBy}>
        {activity.recordedBy?.name ?? t.none}
      </Descriptions.Item>
      <Descriptions.Item label={t.activityTopic}>
        {activity.topicId && topicTitle.data ? (
          <Link to={`/topics/${activity.topicId}`} data-testid="activity-topic">
            {topicTitle.data}
          </Link>
        ) : (
          // Not linked, still loading, or a topic this reader may not open: no dead link.
          <span data-testid="activity-topic">{activity.topicId && !topicTitle.error ? "…" : t.none}</span>
        )}
      </Descriptions.Item>
      {activity.status === "deleted" && (
        <Descriptions.Item label={t.activityDeleteReason}>
          {activity.deletedReason} ({dateTime(activity.deletedAt, language)})
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}

function DeleteForm({ activity, onDone }: { readonly activity: Activity; readonly onDone: () => void }) {
  const { api, t } = useSession();
  return (
    <Section title={t.activityDelete}>
      <ApiForm<{ reason: string }>
        name="activity-delete"
        submitLabel={t.activityDelete}
        submit={({ reason }) =>
          unwrap(
            api.DELETE("/activities/{activityId}", {
              params: { path: { activityId: activity.id } },
              headers: { "If-Match": String(activity.version) },
              body: { reason },
            }),
          )
        }
        onDone={onDone}
      >
        <Form.Item name="reason" label={t.activityDeleteReason} rules={[{ required: true }]}>
          <Input maxLength={500} />
        </Form.Item>
      </ApiForm>
    </Section>
  );
}

export function ActivityView() {
  const { t, session } = useSession();
  const navigate = useNavigate();
  const loaded = useActivity();
  if (loaded.error) return <Alert type="error" title={loaded.error.message} showIcon />;
  const activity = loaded.data;
  if (!activity) return <Spin />;
  const changeable = activity.status === "recorded" && can.workOnTopic(session, activity.stationId);
  return (
    <Flex vertical gap="middle">
      <Card
        title={
          <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>
            {activity.place}{" "}
            {activity.status === "deleted" && <Tag color={tone("error")}>{t.activityDeleted}</Tag>}
          </Typography.Title>
        }
        extra={
          <Flex gap="small">
            <Link to={`/activities?station=${activity.stationId}`}>{t.back}</Link>
            {changeable && (
              <Button onClick={() => navigate(`/activities/${activity.id}/edit`)}>{t.activityEdit}</Button>
            )}
          </Flex>
        }
        data-testid="activity"
      >
        <Details activity={activity} />
      </Card>
      <ActivityHistory activityId={activity.id} version={activity.version} />
      {/* A consultation a topic recorded stays as the topic counts it (the API refuses its deletion). */}
      {changeable && activity.source !== "topic" && (
        <DeleteForm
          activity={activity}
          onDone={() => navigate(`/activities?station=${activity.stationId}`)}
        />
      )}
    </Flex>
  );
}
