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

/** Done against the year's target, and under it what is expected by now (what "behind pace" counts from). */
function Tally({ value }: { readonly value: { count: number; target: number; expected: number } }) {
  const { t } = useSession();
  return (
    <>
      {`${value.count} / ${value.target}`}
      <div style={{ fontSize: 12 }}>{`${t.expectedByNow} ${value.expected}`}</div>
    </>
  );
}

/** The "X" activities this year: each kind done, against the station's plan where it has one. */
const activitiesDone = (row: StationQuota) =>
  row.activities
    .filter((kind) => kind.done > 0 || kind.planned > 0)
    .map((kind) => `${kind.label} ${kind.done}${kind.planned > 0 ? ` / ${kind.planned}` : ""}`)
    .join(" · ");

export function QuotaPage() {
  const { api, t, config, client, session } = useSession();
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
    {
      title: `${t.consultations}（${t.doneOfTarget}）`,
      key: "consultations",
      render: (_, row) => <Tally value={row.consultations} />,
    },
    {
      title: `${t.opinions}（${t.doneOfTarget}）`,
      key: "opinions",
      render: (_, row) => <Tally value={row.opinions} />,
    },
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
    { title: t.behindPace, dataIndex: "behindPaceText", key: "behindPace" },
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
      {session.role !== "member" && <QuotaChecks />}
    </Flex>
  );
}
