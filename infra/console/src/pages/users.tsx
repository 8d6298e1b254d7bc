/** 登录用户: who may sign in, with which role and stations (the county office's; decision 0024). */
import { PlusOutlined } from "@ant-design/icons";
import { Button, Tag } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useState } from "react";
import { Link } from "react-router-dom";
import { unwrap } from "../api/errors";
import type { User } from "../api/types";
import { useSession } from "../app-context";
import { dateTime } from "../format";
import type { Messages } from "../i18n/messages";
import type { ExportColumn } from "../patterns/export";
import { FilterSelect } from "../patterns/filter-select";
import { ListPage } from "../patterns/list-page";
import { useStations } from "../topics/parts";
import { roleLabel } from "../users/user-fields";

type Role = User["role"];

function exportColumns(t: Messages, nameOf: (id: string) => string): ExportColumn<User>[] {
  return [
    { title: t.userName, value: (u) => u.name },
    { title: t.userSubject, value: (u) => u.subject },
    { title: t.userRole, value: (u) => t[roleLabel[u.role]] },
    { title: t.userStations, value: (u) => u.stationIds.map(nameOf).join("、") },
    { title: t.userActive, value: (u) => (u.active ? t.yes : t.no) },
    { title: t.updatedAt, value: (u) => u.updatedAt },
  ];
}

export function UsersPage() {
  const { api, t, language } = useSession();
  const { nameOf } = useStations();
  const [role, setRole] = useState<Role | undefined>();
  const columns: ColumnsType<User> = [
    {
      title: t.userName,
      key: "name",
      render: (_, u) => <Link to={`/users/${encodeURIComponent(u.subject)}`}>{u.name}</Link>,
    },
    { title: t.userSubject, dataIndex: "subject", key: "subject" },
    { title: t.userRole, key: "role", render: (_, u) => t[roleLabel[u.role]] },
    { title: t.userStations, key: "stations", render: (_, u) => u.stationIds.map(nameOf).join("、") },
    {
      title: t.userActive,
      key: "active",
      render: (_, u) => <Tag color={u.active ? "green" : "default"}>{u.active ? t.yes : t.no}</Tag>,
    },
    { title: t.updatedAt, key: "updatedAt", render: (_, u) => dateTime(u.updatedAt, language) },
  ];
  return (
    <ListPage<User>
      title={t.users}
      testId="users"
      extra={
        <Link to="/users/new">
          <Button type="primary" icon={<PlusOutlined />}>
            {t.addUser}
          </Button>
        </Link>
      }
      filters={
        <FilterSelect<Role>
          label={t.userRole}
          width={180}
          value={role}
          onChange={setRole}
          options={(["admin", "staff", "member"] as const).map((r) => ({ value: r, label: t[roleLabel[r]] }))}
        />
      }
      filterKey={role ?? ""}
      columns={columns}
      rowKey={(u) => u.subject}
      load={(cursor) => unwrap(api.GET("/users", { params: { query: { role, limit: 100, cursor } } }))}
      exportColumns={exportColumns(t, nameOf)}
      exportName="users"
    />
  );
}
