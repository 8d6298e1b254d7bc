/** A topic: where it stands, its deadline, its timeline and evidence, and (for who may) the step's forms. */
import { Alert, Card, Descriptions, Flex, List, Spin, Steps, Tag, Timeline, Typography } from "antd";
import { useParams } from "react-router-dom";
import { unwrap } from "../api/errors";
import type { Notification, TopicDetail } from "../api/types";
import { useSession } from "../app-context";
import { can } from "../auth/session";
import { dateTime } from "../format";
import { channelLabels, deliveryStatusLabels, labelOf, topicSourceLabels } from "../i18n/vocabulary";
import { Section } from "../patterns/section";
import { tone } from "../patterns/tone";
import { useLoad } from "../patterns/use-load";
import { evidenceLines } from "../topics/evidence-view";
import { DeadlineText, StatusTag, StepTag, useStations } from "../topics/parts";
import { type Step, stepName, steps } from "../topics/steps";
import { TopicActions } from "../topics/topic-actions";

function EvidenceList({ topic }: { topic: TopicDetail }) {
  const { api, language, t } = useSession();
  // A member who takes part in the topic by invitation does not see its station's roster: ids then.
  const { stations } = useStations();
  const seesStation = stations.some((station) => station.id === topic.stationId);
  const members = useLoad(
    async () =>
      seesStation
        ? unwrap(
            api.GET("/stations/{stationId}/members", {
              params: { path: { stationId: topic.stationId }, query: { limit: 100 } },
            }),
          )
        : { items: [] },
    [api, topic.stationId, seesStation],
  );
  const memberName = (id: string) => members.data?.items.find((a) => a.memberId === id)?.member?.name ?? id;
  const recorded = steps.filter((step) => topic.evidence[step] !== undefined);
  if (recorded.length === 0) return <Typography.Text type="secondary">{t.nothing}</Typography.Text>;
  return (
    <Descriptions column={1} bordered size="small" data-testid="evidence">
      {recorded.map((step) => (
        <Descriptions.Item key={step} label={stepName(step, language)}>
          {evidenceLines(topic.evidence[step], language, memberName).map(([label, text]) => (
            <div key={label}>
              <Typography.Text type="secondary">{label}：</Typography.Text>
              {text}
            </div>
          ))}
        </Descriptions.Item>
      ))}
    </Descriptions>
  );
}

function TopicTimeline({ topic }: { topic: TopicDetail }) {
  const { language } = useSession();
  return (
    <Timeline
      data-testid="timeline"
      items={[...topic.timeline].reverse().map((entry) => ({
        key: entry.seq,
        color: entry.kind.includes("escalat") || entry.kind.includes("overdue") ? "red" : "blue",
        content: (
          <div>
            <Typography.Text type="secondary">{dateTime(entry.at, language)}</Typography.Text>{" "}
            {/* The API's sentence names who did it already. */}
            <Typography.Text>{entry.text}</Typography.Text>
          </div>
        ),
      }))}
    />
  );
}

/** The notices about this topic and what became of each (reminders, escalations, the source told). */
function TopicNotices({ topicId }: { topicId: string }) {
  const { api, t, language } = useSession();
  const notices = useLoad(
    () => unwrap(api.GET("/notifications", { params: { query: { topicId, limit: 100 } } })),
    [api, topicId],
  );
  return (
    <List<Notification>
      size="small"
      loading={notices.loading}
      dataSource={notices.data?.items ?? []}
      locale={{ emptyText: t.nothing }}
      renderItem={(n) => (
        <List.Item>
          {dateTime(n.createdAt, language)} · {n.recipient.name} · {n.subject}{" "}
          <Tag>{labelOf(channelLabels, n.channel, language)}</Tag>
          <Tag color={tone(n.status === "failed" ? "error" : n.status === "sent" ? "success" : "default")}>
            {labelOf(deliveryStatusLabels, n.status, language)}
          </Tag>
        </List.Item>
      )}
    />
  );
}

/** Where the topic stands: its steps, station, status, deadline and who is responsible. */
function TopicSummary({ topic }: { topic: TopicDetail }) {
  const { t, language } = useSession();
  const { nameOf } = useStations();
  const current = steps.indexOf(topic.step as Step);
  return (
    <Card
      title={
        <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>
          {topic.title}
        </Typography.Title>
      }
    >
      <Steps
        size="small"
        current={topic.status === "closed" && topic.closedAs === "completed" ? steps.length : current}
        status={topic.closedAs === "rejected" ? "error" : undefined}
        items={steps.map((step) => ({ title: stepName(step, language) }))}
        responsive
        style={{ marginBottom: 16 }}
      />
      <Descriptions column={{ xs: 1, md: 2 }} size="small">
        <Descriptions.Item label={t.station}>{nameOf(topic.stationId)}</Descriptions.Item>
        <Descriptions.Item label={t.step}>
          <StepTag step={topic.step} />
        </Descriptions.Item>
        <Descriptions.Item label={t.status}>
          <StatusTag topic={topic} />
        </Descriptions.Item>
        <Descriptions.Item label={t.deadline}>
          <span data-testid="deadline">
            <DeadlineText topic={topic} />
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t.source}>
          {labelOf(topicSourceLabels, topic.source, language)}
        </Descriptions.Item>
        <Descriptions.Item label={t.category}>
          <span data-testid="category">{topic.categoryName ?? t.uncategorized}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t.responsible}>{topic.responsible.name}</Descriptions.Item>
        <Descriptions.Item label={t.createdAt}>{dateTime(topic.createdAt, language)}</Descriptions.Item>
        <Descriptions.Item label={t.description} span={2}>
          {topic.description || t.none}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

export function TopicPage() {
  const { topicId = "" } = useParams();
  const { api, t, language, session } = useSession();
  const loaded = useLoad(
    () => unwrap(api.GET("/topics/{topicId}", { params: { path: { topicId } } })),
    [api, topicId],
  );
  if (loaded.error) return <Alert type="error" title={loaded.error.message} showIcon />;
  const topic = loaded.data;
  if (!topic) return <Spin />;
  const mayWork = topic.status === "open" && can.workOnTopic(session, topic.stationId);
  return (
    <Flex vertical gap="middle">
      <TopicSummary topic={topic} />
      {mayWork && (
        <Section title={stepName(topic.step, language)}>
          <TopicActions topic={topic} onChanged={loaded.reload} />
        </Section>
      )}
      <Section title={t.timeline}>
        <TopicTimeline topic={topic} />
      </Section>
      <Section title={t.evidence}>
        <EvidenceList topic={topic} />
      </Section>
      {session.role !== "member" && (
        <Section title={t.notifications}>
          <TopicNotices topicId={topic.id} key={topic.version} />
        </Section>
      )}
    </Flex>
  );
}
