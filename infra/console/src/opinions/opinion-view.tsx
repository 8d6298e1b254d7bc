/** A 社情民意 item: what was raised, by whom, where it went, its history; its handling for those who may. */
import { Alert, Card, Descriptions, Flex, Spin, Tag, Timeline, Typography } from "antd";
import { Link, useParams } from "react-router-dom";
import { unwrap } from "../api/errors";
import { useSession } from "../app-context";
import { can } from "../auth/session";
import { date, dateTime } from "../format";
import { labelOf, opinionSourceLabels } from "../i18n/vocabulary";
import { Section } from "../patterns/section";
import { useLoad } from "../patterns/use-load";
import { useTopicCategories } from "../topics/categories";
import { type Opinion, statusTone } from "./opinion";
import { OpinionActions } from "./opinion-actions";

function Details({ opinion }: { readonly opinion: Opinion }) {
  const { t, language } = useSession();
  const categories = useTopicCategories();
  const outcome = opinion.adoptedBy ?? opinion.declineReason;
  const outcomeOn = opinion.adoptedBy ? opinion.adoptedOn : opinion.declinedOn;
  return (
    <Descriptions column={{ xs: 1, md: 2 }} size="small">
      <Descriptions.Item label={t.opinionSource}>
        {labelOf(opinionSourceLabels, opinion.source, language)}
      </Descriptions.Item>
      <Descriptions.Item label={t.opinionSubmitter}>
        {[opinion.submitter?.name, opinion.submitter?.phone].filter(Boolean).join(" · ") || t.none}
      </Descriptions.Item>
      <Descriptions.Item label={t.opinionReceivedOn}>{date(opinion.receivedOn, language)}</Descriptions.Item>
      <Descriptions.Item label={t.category}>
        <span data-testid="opinion-category">
          {opinion.category ? categories.nameOf(opinion.category) : t.uncategorized}
        </span>
      </Descriptions.Item>
      <Descriptions.Item label={t.opinionReportTo}>
        {opinion.reportedTo
          ? [opinion.reportedTo, opinion.reportedOn && date(opinion.reportedOn, language)]
              .filter(Boolean)
              .join(" · ")
          : t.none}
      </Descriptions.Item>
      {outcome && (
        <Descriptions.Item label={opinion.adoptedBy ? t.opinionAdoptedBy : t.opinionDeclineReason}>
          {[outcome, outcomeOn && date(outcomeOn, language)].filter(Boolean).join(" · ")}
        </Descriptions.Item>
      )}
      {opinion.topicId && (
        <Descriptions.Item label={t.opinionTopic}>
          <Link to={`/topics/${opinion.topicId}`}>{t.opinionTopic}</Link>
        </Descriptions.Item>
      )}
      <Descriptions.Item label={t.opinionContent} span={2}>
        {opinion.content}
      </Descriptions.Item>
    </Descriptions>
  );
}

function History({ opinion }: { readonly opinion: Opinion }) {
  const { t, language } = useSession();
  return (
    <Section title={t.opinionHistory}>
      <Timeline
        data-testid="opinion-history"
        items={opinion.history.map((event, index) => ({
          key: index,
          // The API's sentence says what happened and who did it; its time is the entry's own.
          content: (
            <>
              <Typography.Text type="secondary">{dateTime(event.at, language)}</Typography.Text>{" "}
              {event.kind === "promoted" && typeof event.details?.topicId === "string" ? (
                <Link to={`/topics/${event.details.topicId}`}>{event.text}</Link>
              ) : (
                event.text
              )}
            </>
          ),
        }))}
      />
    </Section>
  );
}

export function OpinionView() {
  const { opinionId = "" } = useParams();
  const { api, t, session } = useSession();
  const loaded = useLoad(
    () => unwrap(api.GET("/opinions/{opinionId}", { params: { path: { opinionId } } })),
    [api, opinionId],
  );
  if (loaded.error) return <Alert type="error" title={loaded.error.message} showIcon />;
  const opinion = loaded.data;
  if (!opinion) return <Spin />;
  return (
    <Flex vertical gap="middle">
      <Card
        title={
          <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>
            {opinion.title} <Tag color={statusTone(opinion.status)}>{opinion.statusName}</Tag>
          </Typography.Title>
        }
        extra={<Link to={`/opinions?station=${opinion.stationId}`}>{t.back}</Link>}
        data-testid="opinion"
      >
        <Details opinion={opinion} />
      </Card>
      <History opinion={opinion} />
      {can.workOnTopic(session, opinion.stationId) && (
        <OpinionActions opinion={opinion} onDone={loaded.reload} />
      )}
    </Flex>
  );
}
