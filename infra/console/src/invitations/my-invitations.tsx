/**
 * A member's invitations on their home page: where and to what they are invited (the topic by its
 * title, a link once accepted), and the answer — accept, or decline with a word to the station. The
 * API tells the station.
 */
import { Alert, Button, Input, List, Modal, Tag } from "antd";
import { useState } from "react";
import { Link } from "react-router-dom";
import { unwrap } from "../api/errors";
import type { Invitation } from "../api/types";
import { useSession } from "../app-context";
import { dateTime } from "../format";
import { invitationStatusLabels, labelOf } from "../i18n/vocabulary";
import { Section } from "../patterns/section";
import { useAction } from "../patterns/use-action";
import { type Loaded, useLoad } from "../patterns/use-load";

type Reply = "accept" | "decline";

function useAnswer(onAnswered: () => void) {
  const { api } = useSession();
  const { run, problem } = useAction(onAnswered);
  const answer = (invitation: Invitation, reply: Reply, note?: string) =>
    run(() =>
      unwrap(
        api.POST(
          reply === "accept" ? "/invitations/{invitationId}/accept" : "/invitations/{invitationId}/decline",
          {
            params: { path: { invitationId: invitation.id } },
            body: note?.trim() ? { note: note.trim() } : {},
          },
        ),
      ),
    );
  return { answer, problem };
}

function DeclineModal({
  invitation,
  onClose,
  onDecline,
}: {
  readonly invitation: Invitation | undefined;
  readonly onClose: () => void;
  readonly onDecline: (invitation: Invitation, note: string) => Promise<void>;
}) {
  const { t } = useSession();
  const [note, setNote] = useState("");
  return (
    <Modal
      open={invitation !== undefined}
      title={`${t.decline} · ${invitation?.stationName ?? ""}`}
      okText={t.decline}
      cancelText={t.cancel}
      onCancel={onClose}
      onOk={async () => {
        if (invitation) await onDecline(invitation, note);
        setNote("");
        onClose();
      }}
      destroyOnHidden
    >
      <Input.TextArea
        aria-label={t.declineReason}
        placeholder={t.declineReason}
        rows={3}
        maxLength={500}
        value={note}
        onChange={(event) => setNote(event.target.value)}
      />
    </Modal>
  );
}

/** The member's latest invitations (the home page shares them with its list of topics). */
export function useMyInvitations(memberId: string): Loaded<{ items: Invitation[] }> {
  const { api } = useSession();
  return useLoad(
    () =>
      unwrap(
        api.GET("/members/{memberId}/invitations", { params: { path: { memberId }, query: { limit: 20 } } }),
      ),
    [api, memberId],
  );
}

/** What the member is invited to: serving at the station, or the topic named (a link once accepted). */
function InvitedTo({ invitation }: { readonly invitation: Invitation }) {
  const { t } = useSession();
  if (!invitation.topicId) return <>{t.inviteToStation}</>;
  const title = invitation.topicTitle ?? invitation.topicId;
  return (
    <>
      {`${t.inviteToTopic}：`}
      {invitation.status === "accepted" ? (
        // Underlined: a link inside a line of text must not be told apart by its colour alone.
        <Link to={`/topics/${invitation.topicId}`} style={{ textDecoration: "underline" }}>
          {title}
        </Link>
      ) : (
        title
      )}
    </>
  );
}

export function MyInvitations({
  invitations,
  onAnswered,
}: {
  readonly invitations: Loaded<{ items: Invitation[] }>;
  /** After an answer: what an acceptance opened (a topic, a station) shows elsewhere on the page. */
  readonly onAnswered?: () => void;
}) {
  const { t, language } = useSession();
  const { answer, problem } = useAnswer(() => {
    invitations.reload();
    onAnswered?.();
  });
  const [declining, setDeclining] = useState<Invitation | undefined>();
  return (
    <Section title={t.invitations} level={2}>
      {problem && <Alert type="error" title={problem} showIcon role="alert" />}
      <List<Invitation>
        loading={invitations.loading}
        dataSource={invitations.data?.items ?? []}
        locale={{ emptyText: invitations.error?.message ?? t.nothing }}
        renderItem={(i) => (
          <List.Item
            actions={
              i.status === "pending"
                ? [
                    <Button key="accept" size="small" type="primary" onClick={() => answer(i, "accept")}>
                      {t.accept}
                    </Button>,
                    <Button key="decline" size="small" onClick={() => setDeclining(i)}>
                      {t.decline}
                    </Button>,
                  ]
                : []
            }
          >
            <List.Item.Meta
              title={
                <span>
                  {i.stationName} <Tag>{labelOf(invitationStatusLabels, i.status, language)}</Tag>
                </span>
              }
              description={
                <>
                  <div>
                    <InvitedTo invitation={i} />
                    {` · ${dateTime(i.createdAt, language)}`}
                  </div>
                  {i.note && <div>{i.note}</div>}
                </>
              }
            />
          </List.Item>
        )}
      />
      <DeclineModal
        invitation={declining}
        onClose={() => setDeclining(undefined)}
        onDecline={(invitation, note) => answer(invitation, "decline", note)}
      />
    </Section>
  );
}
