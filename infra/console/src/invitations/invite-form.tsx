/**
 * 邀请委员: the station's staff invite a member to serve at the station (委员下沉), or to take part in
 * one of its topics. The member is told by the API; a pending invitation or a member already serving
 * comes back as the API's message above the button.
 */
import { Form, Input, Modal, Radio, Select } from "antd";
import { unwrap } from "../api/errors";
import type { Topic } from "../api/types";
import { useSession } from "../app-context";
import { useMemberChoices } from "../members/member-choices";
import { ApiForm } from "../patterns/api-form";

interface InviteValues {
  memberId: string;
  scope: "station" | "topic";
  topicId?: string;
  note?: string;
}

export interface InviteTarget {
  /** The member already chosen (from the suggestions); otherwise the form asks for one. */
  readonly member?: { readonly id: string; readonly name: string };
  readonly topic?: Pick<Topic, "id" | "title">;
}

interface Props {
  readonly stationId: string;
  readonly target: InviteTarget | undefined;
  readonly topics: readonly Topic[];
  readonly onClose: () => void;
  readonly onInvited: () => void;
}

export function InviteModal({ stationId, target, topics, onClose, onInvited }: Props) {
  const { api, t } = useSession();
  const [form] = Form.useForm<InviteValues>();
  const scope = Form.useWatch("scope", form);
  const memberChoices = useMemberChoices(target !== undefined && !target.member);
  const openTopics = topics.filter((topic) => topic.status === "open");
  return (
    <Modal
      open={target !== undefined}
      title={target?.member ? `${t.inviteMember} · ${target.member.name}` : t.inviteMember}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
    >
      {target && (
        <ApiForm<InviteValues>
          name="invite"
          form={form}
          submitLabel={t.sendInvitation}
          initialValues={{
            ...(target.member ? { memberId: target.member.id } : {}),
            scope: target.topic ? "topic" : "station",
            ...(target.topic ? { topicId: target.topic.id } : {}),
          }}
          submit={(values) =>
            unwrap(
              api.POST("/stations/{stationId}/invitations", {
                params: { path: { stationId } },
                body: {
                  memberId: target.member?.id ?? values.memberId,
                  ...(values.scope === "topic" && values.topicId ? { topicId: values.topicId } : {}),
                  ...(values.note?.trim() ? { note: values.note.trim() } : {}),
                },
              }),
            )
          }
          onDone={onInvited}
        >
          {!target.member && (
            <Form.Item name="memberId" label={t.memberName} rules={[{ required: true }]}>
              <Select showSearch={{ optionFilterProp: "label" }} options={memberChoices} />
            </Form.Item>
          )}
          <Form.Item name="scope" label={t.inviteScope}>
            <Radio.Group
              options={[
                { value: "station", label: t.inviteToStation },
                { value: "topic", label: t.inviteToTopic, disabled: openTopics.length === 0 },
              ]}
            />
          </Form.Item>
          {scope === "topic" && (
            <Form.Item name="topicId" label={t.topic} rules={[{ required: true }]}>
              <Select options={openTopics.map((topic) => ({ value: topic.id, label: topic.title }))} />
            </Form.Item>
          )}
          <Form.Item name="note" label={t.invitationNote}>
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        </ApiForm>
      )}
    </Modal>
  );
}
