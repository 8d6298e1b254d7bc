/** 工作站（室）: the list grouped by zone (each zone with its count, chosen in one click), with the API's CSV export. */
import { PlusOutlined } from "@ant-design/icons";
import { Button, Segmented, Tag } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useState } from "react";
import { Link } from "react-router-dom";
import { fetchCsv } from "../api/client";
import { unwrap } from "../api/errors";
import type { Station } from "../api/types";
import { useSession } from "../app-context";
import { can } from "../auth/session";
import { labelOf, stationStatusLabels } from "../i18n/vocabulary";
import { ListPage } from "../patterns/list-page";
import { useStations } from "../topics/parts";

export const zones = ["东山", "营前", "社溪", "寺下", "城市社区", "工业园区"];

export function StationsPage() {
  const { api, t, language, session, config, client } = useSession();
  const [zone, setZone] = useState<string | undefined>();
  // The zone grouping: how many stations (that the user may see) each zone has.
  const { stations } = useStations();
  const columns: ColumnsType<Station> = [
    { title: t.name, key: "name", render: (_, row) => <Link to={`/stations/${row.id}`}>{row.name}</Link> },
    { title: t.kind, key: "kind", render: (_, row) => (row.kind === "room" ? t.kindRoom : t.kindStation) },
    { title: t.zone, dataIndex: "zone", key: "zone" },
    { title: t.township, dataIndex: "township", key: "township" },
    {
      title: t.status,
      dataIndex: "status",
      key: "status",
      render: (status: string) => <Tag>{labelOf(stationStatusLabels, status, language)}</Tag>,
    },
    { title: t.standards, key: "standards", render: (_, row) => `${row.standardsMet}/6` },
    { title: t.memberCount, dataIndex: "memberCount", key: "memberCount" },
  ];
  return (
    <ListPage<Station>
      title={t.stations}
      testId="stations"
      extra={
        can.registerStation(session) && (
          <Link to="/stations/new">
            <Button type="primary" icon={<PlusOutlined />}>
              {t.registerStation}
            </Button>
          </Link>
        )
      }
      filters={
        <Segmented<string>
          aria-label={t.zone}
          value={zone ?? ""}
          onChange={(value) => setZone(value || undefined)}
          options={[
            { value: "", label: `${t.allZones} ${stations.length}` },
            ...zones.map((z) => ({ value: z, label: `${z} ${stations.filter((s) => s.zone === z).length}` })),
          ]}
          style={{ flexWrap: "wrap", maxWidth: "100%" }}
        />
      }
      filterKey={zone ?? ""}
      columns={columns}
      rowKey={(row) => row.id}
      load={(cursor) => unwrap(api.GET("/stations", { params: { query: { zone, limit: 100, cursor } } }))}
      exportCsv={() => fetchCsv(config.apiBase, client, "/stations", { zone })}
      exportColumns={[]}
      exportName="stations"
    />
  );
}
