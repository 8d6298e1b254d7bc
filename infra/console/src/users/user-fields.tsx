/**
 * The fields of a sign-in user (decision 0024): name, role, and what the role needs — a staff user
 * the stations they run, a member user their member record. What the API checks, it says beside the field.
 */
import { Form, Input, Select, Switch } from "antd";
import type { User } from "../api/types";
import { useSession } from "../app-context";
import { useMemberChoices } from "../members/member-choices";
import { useStations } from "../topics/parts";

export type UserValues = Pick<User, "name" | "role" | "active"> & {
  stationIds?: string[];
  memberId?: string;
};

export const roleLabel = { admin: "roleAdmin", staff: "roleStaff", member: "roleMember" } as const;

/** The record the API keeps: stations only for staff, a member only for a member user. */
export function userBody(values: UserValues) {
  return {
    name: values.name.trim(),
    role: values.role,
    active: values.active,
    ...(values.role === "staff" ? { stationIds: values.stationIds ?? [] } : { stationIds: [] }),
    ...(values.role === "member" && values.memberId ? { memberId: values.memberId } : {}),
  };
}

export function UserFields() {
  const { t } = useSession();
  const role = Form.useWatch<UserValues["role"] | undefined>("role");
  const { stations } = useStations();
  // The whole roster only once the form is for a member user.
  const members = useMemberChoices(role === "member");
  return (
    <>
      <Form.Item name="name" label={t.userName} rules={[{ required: true }]}>
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item name="role" label={t.userRole} rules={[{ required: true }]}>
        <Select
          options={(["admin", "staff", "member"] as const).map((r) => ({ value: r, label: t[roleLabel[r]] }))}
        />
      </Form.Item>
      {role === "staff" && (
        <Form.Item name="stationIds" label={t.userStations} rules={[{ required: true }]}>
          <Select
            mode="multiple"
            showSearch={{ optionFilterProp: "label" }}
            options={stations.map((s) => ({ value: s.id, label: s.name }))}
          />
        </Form.Item>
      )}
      {role === "member" && (
        <Form.Item name="memberId" label={t.userMember} rules={[{ required: true }]}>
          <Select showSearch={{ optionFilterProp: "label" }} options={members} />
        </Form.Item>
      )}
      <Form.Item name="active" label={t.userActive} valuePropName="checked">
        <Switch />
      </Form.Item>
    </>
  );
}
