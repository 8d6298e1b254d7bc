/** 4+X: each station's pace toward the year's consultations and public-opinion items (GET /quota), and the quarterly checks. */
import { Flex, Progress, Tag } from "antd";
import type { ColumnsType } from "antd/es/table";
import { Link } from "react-router-dom";
import { fetchCsv } from "../api/client";
import { unwrap } from "../api/errors";
import type { QuotaRow as StationQuota } from "../api/types";
import { useSession } from "../app-context";
import { ListPage } from "../patterns/list-page";
import { tone } from "../patterns/tone";
import { QuotaChecks } from "../quota/quota-checks";

const statusColor = { met: "success", on_pace: "processing", behind: "warning", at_risk: "error" } as const;

const tally = (value: { count: number; target: number }) => `${value.count} / ${value.target}`;

/** The "X" activities this year: each kind done, against the station's plan where it has one. */
const activitiesDone = (row: StationQuota) =>
  row.activities
    .filter((kind) => kind.done > 0 || kind.planned > 0)
    .map((kind) => `${kind.label} ${kind.done}${kind.planned > 0 ? ` / ${kind.planned}` : ""}`)
    .join(" · ");

export function QuotaPage() {
  const { api, t, config, client } = useSession();
  const columns: ColumnsType<StationQuota> = [
    {
      title: t.station,
      key: "station",
      render: (_, row) => <Link to={`/stations/${row.stationId}`}>{row.stationName}</Link>,
    },
    { title: t.zone, dataIndex: "zone", key: "zone" },
    {
      title: t.quotaStatus,
      key: "status",
      render: (_, row) => <Tag color={tone(statusColor[row.status])}>{row.statusLabel}</Tag>,
    },
    { title: t.consultations, key: "consultations", render: (_, row) => tally(row.consultations) },
    { title: t.opinions, key: "opinions", render: (_, row) => tally(row.opinions) },
    {
      title: t.year,
      key: "elapsed",
      render: (_, row) => (
        <Progress
          aria-label={`${t.year} ${Math.round(row.yearElapsed * 100)}%`}
          percent={Math.round(row.yearElapsed * 100)}
          size="small"
          style={{ width: 100 }}
        />
      ),
    },
    {
      title: t.activitiesMenu,
      key: "activities",
      render: (_, row) => activitiesDone(row),
    },
    { title: t.missing, dataIndex: "missing", key: "missing" },
  ];
  return (
    <Flex vertical gap="middle">
      <ListPage<StationQuota>
        title={t.quota}
        testId="quota"
        columns={columns}
        rowKey={(row) => row.stationId}
        load={(cursor) => unwrap(api.GET("/quota", { params: { query: { limit: 100, cursor } } }))}
        exportCsv={() => fetchCsv(config.apiBase, client, "/quota", {})}
        exportColumns={[]}
        exportName="quota"
      />
      <QuotaChecks />
    </Flex>
  );
}
