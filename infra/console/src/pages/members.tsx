/** 委员: the roster the role may see, with the API's CSV export. */
import { PlusOutlined } from "@ant-design/icons";
import { Button, Input } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useState } from "react";
import { Link } from "react-router-dom";
import { fetchCsv } from "../api/client";
import { unwrap } from "../api/errors";
import type { Member } from "../api/types";
import { useSession } from "../app-context";
import { can } from "../auth/session";
import { ListPage } from "../patterns/list-page";

export function MembersPage() {
  const { api, t, session, config, client } = useSession();
  const [sector, setSector] = useState<string | undefined>();
  const columns: ColumnsType<Member> = [
    {
      title: t.memberName,
      key: "name",
      render: (_, row) => <Link to={`/members/${row.id}`}>{row.name}</Link>,
    },
    { title: t.sector, dataIndex: "sector", key: "sector" },
    { title: t.profession, dataIndex: "profession", key: "profession" },
    { title: t.township, dataIndex: "township", key: "township" },
    { title: t.stationCount, dataIndex: "stationCount", key: "stationCount" },
  ];
  return (
    <ListPage<Member>
      title={t.members}
      testId="members"
      extra={
        can.registerMember(session) && (
          <Link to="/members/new">
            <Button type="primary" icon={<PlusOutlined />}>
              {t.registerMember}
            </Button>
          </Link>
        )
      }
      filters={
        <Input.Search
          aria-label={t.sector}
          placeholder={t.sector}
          allowClear
          style={{ maxWidth: 240 }}
          onSearch={(value) => setSector(value || undefined)}
        />
      }
      filterKey={sector ?? ""}
      columns={columns}
      rowKey={(row) => row.id}
      load={(cursor) => unwrap(api.GET("/members", { params: { query: { sector, limit: 100, cursor } } }))}
      exportCsv={() => fetchCsv(config.apiBase, client, "/members", { sector })}
      exportColumns={[]}
      exportName="members"
    />
  );
}
