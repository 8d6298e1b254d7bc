/**
 * 推荐委员: the members the API ranks for one of the station's topics (or for words typed in), each
 * with the reasons — expertise, sector, nearness, load — and an invitation a click away.
 */
import { Avatar, Button, Flex, Input, List, Select, Tag, Typography } from "antd";
import { useState } from "react";
import { Link } from "react-router-dom";
import { unwrap } from "../api/errors";
import type { Topic } from "../api/types";
import { useSession } from "../app-context";
import { Section } from "../patterns/section";
import { useLoad } from "../patterns/use-load";
import type { InviteTarget } from "./invite-form";

type Subject = { readonly topic: Topic } | { readonly text: string };

/** What the API ranks against: the topic's title and description, cut to the 500 characters it reads. */
const subjectText = (subject: Subject) =>
  ("topic" in subject ? `${subject.topic.title} ${subject.topic.description}` : subject.text).slice(0, 500);

function SuggestionList({ stationId, subject, onInvite }: Props & { readonly subject: Subject }) {
  const { api, t } = useSession();
  const text = subjectText(subject);
  const suggestions = useLoad(
    () =>
      unwrap(
        api.GET("/stations/{stationId}/member-suggestions", {
          params: { path: { stationId }, query: { topic: text, limit: 8 } },
        }),
      ),
    [api, stationId, text],
  );
  const topic = "topic" in subject ? subject.topic : undefined;
  return (
    <List
      loading={suggestions.loading}
      dataSource={suggestions.data?.items ?? []}
      locale={{ emptyText: suggestions.error?.message ?? t.nothing }}
      renderItem={(s) => (
        <List.Item
          actions={[
            <Button
              key="invite"
              size="small"
              aria-label={`${t.inviteMember} ${s.name}`}
              onClick={() =>
                onInvite({ member: { id: s.memberId, name: s.name }, ...(topic ? { topic } : {}) })
              }
            >
              {t.inviteMember}
            </Button>,
          ]}
        >
          <List.Item.Meta
            avatar={<Avatar aria-label={`${t.rank} ${s.rank}`}>{s.rank}</Avatar>}
            title={<Link to={`/members/${s.memberId}`}>{s.name}</Link>}
            description={
              <Flex wrap gap={4}>
                <Tag>{s.sector}</Tag>
                {s.reasons.map((reason) => (
                  <Tag key={`${reason.code}-${reason.value}`} color="blue">
                    {reason.text}
                  </Tag>
                ))}
              </Flex>
            }
          />
        </List.Item>
      )}
    />
  );
}

interface Props {
  readonly stationId: string;
  readonly topics: readonly Topic[];
  readonly onInvite: (target: InviteTarget) => void;
}

export function MemberSuggestions({ stationId, topics, onInvite }: Props) {
  const { t } = useSession();
  const [subject, setSubject] = useState<Subject | undefined>();
  const openTopics = topics.filter((topic) => topic.status === "open");
  return (
    <Section title={t.suggestions}>
      <Flex vertical gap="small">
        <Typography.Text type="secondary">{t.suggestionsHint}</Typography.Text>
        <Flex wrap gap="small">
          <Select
            aria-label={t.suggestForTopic}
            placeholder={t.suggestForTopic}
            style={{ minWidth: 240, flex: 1 }}
            value={subject && "topic" in subject ? subject.topic.id : undefined}
            options={openTopics.map((topic) => ({ value: topic.id, label: topic.title }))}
            onChange={(id: string) => {
              const topic = openTopics.find((candidate) => candidate.id === id);
              if (topic) setSubject({ topic });
            }}
          />
          <Input.Search
            aria-label={t.suggestForText}
            placeholder={t.suggestForText}
            style={{ minWidth: 240, flex: 1 }}
            maxLength={500}
            enterButton={t.suggest}
            onSearch={(text) => text.trim() && setSubject({ text: text.trim() })}
          />
        </Flex>
        {subject && (
          <SuggestionList stationId={stationId} topics={topics} subject={subject} onInvite={onInvite} />
        )}
      </Flex>
    </Section>
  );
}
