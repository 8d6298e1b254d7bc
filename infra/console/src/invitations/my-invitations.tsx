/**
 * A member's invitations on their home page: where and to what they are invited, and the answer —
 * accept, or decline with a word to the station. The API tells the station.
 */
import { Alert, Button, Input, List, Modal, Tag } from "antd";
import { useState } from "react";
import { unwrap } from "../api/errors";
import type { Invitation } from "../api/types";
import { useSession } from "../app-context";
import { dateTime } from "../format";
import { invitationStatusLabels, labelOf } from "../i18n/vocabulary";
import { Section } from "../patterns/section";
import { useAction } from "../patterns/use-action";
import { useLoad } from "../patterns/use-load";

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

export function MyInvitations({ memberId }: { readonly memberId: string }) {
  const { api, t, language } = useSession();
  const invitations = useLoad(
    () =>
      unwrap(
        api.GET("/members/{memberId}/invitations", { params: { path: { memberId }, query: { limit: 20 } } }),
      ),
    [api, memberId],
  );
  const { answer, problem } = useAnswer(invitations.reload);
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
                  <div>{`${i.topicId ? t.inviteToTopic : t.inviteToStation} · ${dateTime(i.createdAt, language)}`}</div>
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
