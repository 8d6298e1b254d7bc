/** A station's invitations, newest first: who was invited to what, the answer, and withdrawing a pending one. */
import { Alert, Button, List, Popconfirm, Tag, Typography } from "antd";
import { unwrap } from "../api/errors";
import type { Invitation, Topic } from "../api/types";
import { useSession } from "../app-context";
import { dateTime } from "../format";
import { invitationStatusLabels, labelOf } from "../i18n/vocabulary";
import { ExportButton } from "../patterns/export-button";
import { Section } from "../patterns/section";
import { useAction } from "../patterns/use-action";
import type { Loaded } from "../patterns/use-load";

interface Props {
  readonly invitations: Loaded<{ items: Invitation[] }>;
  readonly topics: readonly Topic[];
  readonly onInvite: () => void;
  readonly stationId: string;
}

function InvitationLine({
  invitation,
  topics,
}: {
  readonly invitation: Invitation;
  readonly topics: readonly Topic[];
}) {
  const { t, language } = useSession();
  const topic = invitation.topicId
    ? topics.find((candidate) => candidate.id === invitation.topicId)
    : undefined;
  return (
    <List.Item.Meta
      title={
        <span>
          {invitation.memberName} <Tag>{labelOf(invitationStatusLabels, invitation.status, language)}</Tag>
        </span>
      }
      description={
        <>
          <div>
            {invitation.topicId
              ? `${t.inviteToTopic}：${invitation.topicTitle ?? topic?.title ?? invitation.topicId}`
              : t.inviteToStation}
            {" · "}
            {dateTime(invitation.createdAt, language)}
          </div>
          {invitation.note && <Typography.Text type="secondary">{invitation.note}</Typography.Text>}
          {invitation.answerNote && <div>{`${t.answerNote}：${invitation.answerNote}`}</div>}
        </>
      }
    />
  );
}

export function StationInvitations({ stationId, invitations, topics, onInvite }: Props) {
  const { api, t } = useSession();
  const { run, problem } = useAction(invitations.reload);
  const withdraw = (invitation: Invitation) =>
    run(() =>
      unwrap(
        api.POST("/invitations/{invitationId}/withdraw", {
          params: { path: { invitationId: invitation.id } },
          body: {},
        }),
      ),
    );
  return (
    <Section
      title={t.invitations}
      extra={
        <ExportButton
          path={`/stations/${stationId}/invitations`}
          fileName="station-invitations"
          label={t.invitations}
        />
      }
    >
      <Button onClick={onInvite} style={{ marginBottom: 8 }}>
        {t.inviteMember}
      </Button>
      {problem && <Alert type="error" title={problem} showIcon role="alert" />}
      <List<Invitation>
        loading={invitations.loading}
        dataSource={invitations.data?.items ?? []}
        locale={{ emptyText: invitations.error?.message ?? t.nothing }}
        renderItem={(invitation) => (
          <List.Item
            actions={
              invitation.status === "pending"
                ? [
                    <Popconfirm
                      key="withdraw"
                      title={t.withdrawConfirm}
                      okText={t.withdraw}
                      cancelText={t.cancel}
                      onConfirm={() => withdraw(invitation)}
                    >
                      <Button size="small" danger>
                        {t.withdraw}
                      </Button>
                    </Popconfirm>,
                  ]
                : []
            }
          >
            <InvitationLine invitation={invitation} topics={topics} />
          </List.Item>
        )}
      />
    </Section>
  );
}
