/**
 * 量化考评 (GET /evaluations, decision 0027): the year's scores of stations or members, ranked
 * county-wide, each line expanding into its breakdown (criterion, what was done, points of the maximum).
 */
import { Alert, Card, Flex, InputNumber, Progress, Segmented, Table, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useState } from "react";
import { Link } from "react-router-dom";
import { unwrap } from "../api/errors";
import type { components } from "../api/schema.generated";
import { useSession } from "../app-context";
import { format } from "../i18n/messages";
import { ExportButton } from "../patterns/export-button";
import { useLoad } from "../patterns/use-load";

type EvaluationList = components["schemas"]["EvaluationList"];
type Line = EvaluationList["items"][number];
type Score = Line["scores"][number];

const thisYear = () =>
  Number(new Date().toLocaleDateString("en-CA", { timeZone: "Asia/Shanghai" }).slice(0, 4));

const lineKey = (line: Line) => ("stationId" in line ? line.stationId : line.memberId);

function Breakdown({ scores }: { scores: readonly Score[] }) {
  const { t } = useSession();
  const columns: ColumnsType<Score> = [
    { title: t.evaluationCriterion, dataIndex: "label", key: "label" },
    {
      title: t.evaluationFigure,
      key: "figure",
      render: (_, score) => `${score.figure} / ${score.of}`,
    },
    { title: t.evaluationPoints, dataIndex: "points", key: "points" },
    { title: t.evaluationMax, dataIndex: "max", key: "max" },
  ];
  return (
    <Table<Score>
      size="small"
      pagination={false}
      rowKey={(score) => score.criterion}
      columns={columns}
      dataSource={[...scores]}
      data-testid="evaluation-breakdown"
    />
  );
}

function useColumns(kind: "station" | "member"): ColumnsType<Line> {
  const { t } = useSession();
  const name: ColumnsType<Line>[number] =
    kind === "station"
      ? {
          title: t.station,
          key: "name",
          render: (_, line) =>
            "stationId" in line ? <Link to={`/stations/${line.stationId}`}>{line.name}</Link> : line.name,
        }
      : { title: t.memberName, dataIndex: "name", key: "name" };
  return [
    { title: t.evaluationRank, dataIndex: "rank", key: "rank", width: 80 },
    name,
    kind === "station"
      ? { title: t.zone, key: "zone", render: (_, line) => ("zone" in line ? line.zone : "") }
      : { title: t.sector, key: "sector", render: (_, line) => ("sector" in line ? line.sector : "") },
    {
      title: t.evaluationTotal,
      key: "total",
      render: (_, line) => (
        <Flex gap="small" align="center">
          <span>{line.total}</span>
          <Progress
            aria-label={`${t.evaluationTotal} ${line.total} / ${line.max}`}
            percent={line.max ? Math.round((line.total / line.max) * 100) : 0}
            size="small"
            showInfo={false}
            style={{ width: 100 }}
          />
        </Flex>
      ),
    },
  ];
}

export function EvaluationsPage() {
  const { api, t, session } = useSession();
  const [year, setYear] = useState(thisYear);
  const [kind, setKind] = useState<"station" | "member">(session.role === "member" ? "member" : "station");
  const loaded = useLoad(
    () => unwrap(api.GET("/evaluations", { params: { query: { year, kind } } })),
    [api, year, kind],
  );
  const columns = useColumns(kind);
  const kinds = [
    { value: "station", label: t.evaluationStations },
    { value: "member", label: t.evaluationMembers },
  ];
  return (
    <Card
      title={<h2 style={{ margin: 0, fontSize: 20 }}>{t.evaluation}</h2>}
      extra={
        <ExportButton
          path="/evaluations"
          query={{ year: String(year), kind }}
          fileName={`evaluations-${kind}-${year}`}
          label={t.evaluation}
        />
      }
      data-testid="evaluations"
    >
      <Flex vertical gap="middle">
        <Flex gap="middle" wrap align="center">
          <Flex gap="small" align="center">
            <Typography.Text>{t.year}</Typography.Text>
            <InputNumber
              aria-label={t.year}
              min={2000}
              max={2100}
              value={year}
              onChange={(value) => value && setYear(value)}
            />
          </Flex>
          {session.role !== "member" && (
            <Segmented
              options={kinds}
              value={kind}
              onChange={(value) => setKind(value as "station" | "member")}
            />
          )}
        </Flex>
        {loaded.error && <Alert type="error" title={loaded.error.message} showIcon />}
        {loaded.data && (
          <Typography.Text type="secondary">
            {format(t.evaluationCounted, { count: loaded.data.evaluated })}
          </Typography.Text>
        )}
        <Table<Line>
          loading={loaded.loading}
          rowKey={lineKey}
          columns={columns}
          dataSource={loaded.data ? [...loaded.data.items] : []}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          expandable={{ expandedRowRender: (line) => <Breakdown scores={line.scores} /> }}
          scroll={{ x: true }}
        />
      </Flex>
    </Card>
  );
}
