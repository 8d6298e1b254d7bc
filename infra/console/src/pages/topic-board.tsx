/** The six-step board: open topics in a column per step, overdue first. */
import { Alert, Card, Col, Flex, Row, Typography } from "antd";
import { Link } from "react-router-dom";
import { unwrap } from "../api/errors";
import type { Topic } from "../api/types";
import { useSession } from "../app-context";
import { useLoad } from "../patterns/use-load";
import { byUrgency, DeadlineText, useStations } from "../topics/parts";
import { stepName, steps } from "../topics/steps";

async function openTopics(api: ReturnType<typeof useSession>["api"]): Promise<Topic[]> {
  const topics: Topic[] = [];
  let cursor: string | undefined;
  do {
    const page = await unwrap(
      api.GET("/topics", { params: { query: { status: "open", limit: 100, cursor } } }),
    );
    topics.push(...page.items);
    cursor = page.cursor ?? undefined;
  } while (cursor && topics.length < 500);
  return topics.sort(byUrgency);
}

export function TopicBoardPage() {
  const { api, t, language } = useSession();
  const { nameOf } = useStations();
  const topics = useLoad(() => openTopics(api), [api]);
  return (
    <Flex vertical gap="middle">
      <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>
        {t.topicBoard}
      </Typography.Title>
      {topics.error && <Alert type="error" title={topics.error.message} showIcon />}
      <Row gutter={[12, 12]} wrap>
        {steps.map((step, index) => {
          const inStep = (topics.data ?? []).filter((topic) => topic.step === step);
          return (
            <Col key={step} xs={24} sm={12} lg={8} xl={4}>
              <Card
                size="small"
                loading={topics.loading}
                title={`${index + 1}. ${stepName(step, language)} (${inStep.length})`}
                data-testid={`board-${step}`}
              >
                <Flex vertical gap="small">
                  {inStep.length === 0 && <Typography.Text type="secondary">{t.nothing}</Typography.Text>}
                  {inStep.map((topic) => (
                    <Card key={topic.id} size="small" type="inner">
                      <Link to={`/topics/${topic.id}`}>{topic.title}</Link>
                      <div>
                        <Typography.Text type="secondary">{nameOf(topic.stationId)}</Typography.Text>
                      </div>
                      <DeadlineText topic={topic} />
                    </Card>
                  ))}
                </Flex>
              </Card>
            </Col>
          );
        })}
      </Row>
    </Flex>
  );
}
