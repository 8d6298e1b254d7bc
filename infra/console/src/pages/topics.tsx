/** 议题: the list with filters (station, step, status, overdue, category) and the API's CSV export. */
import { PlusOutlined } from "@ant-design/icons";
import { Button, Space } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useState } from "react";
import { Link } from "react-router-dom";
import { fetchCsv } from "../api/client";
import { unwrap } from "../api/errors";
import type { Station, Topic } from "../api/types";
import { useSession } from "../app-context";
import { can } from "../auth/session";
import { dateTime } from "../format";
import { FilterSelect } from "../patterns/filter-select";
import { ListPage } from "../patterns/list-page";
import { useTopicCategories } from "../topics/categories";
import { topicColumns, useStations } from "../topics/parts";
import { type Step, stepName, steps } from "../topics/steps";

interface Filters {
  stationId?: string;
  step?: Step;
  status?: "open" | "closed";
  overdue?: "true" | "false";
  category?: string;
}

/** The list's filters: station, step, status, overdue, category. */
function TopicFilters({
  filters,
  onChange,
  stations,
}: {
  readonly filters: Filters;
  readonly onChange: (patch: Filters) => void;
  readonly stations: readonly Station[];
}) {
  const { t, language } = useSession();
  const { options: categories } = useTopicCategories();
  return (
    <Space wrap>
      <FilterSelect<string>
        label={t.station}
        width={200}
        value={filters.stationId}
        onChange={(stationId) => onChange({ stationId })}
        options={stations.map((s) => ({ value: s.id, label: s.name }))}
      />
      <FilterSelect<Step>
        label={t.step}
        width={140}
        value={filters.step}
        onChange={(step) => onChange({ step })}
        options={steps.map((s) => ({ value: s, label: stepName(s, language) }))}
      />
      <FilterSelect<"open" | "closed">
        label={t.status}
        width={120}
        value={filters.status}
        onChange={(status) => onChange({ status })}
        options={[
          { value: "open", label: t.open },
          { value: "closed", label: t.closed },
        ]}
      />
      <FilterSelect<"true" | "false">
        label={t.overdue}
        width={120}
        value={filters.overdue}
        onChange={(overdue) => onChange({ overdue })}
        options={[
          { value: "true", label: t.overdue },
          { value: "false", label: t.no + t.overdue },
        ]}
      />
      <FilterSelect<string>
        label={t.categoryFilter}
        placeholder={t.category}
        width={140}
        value={filters.category}
        onChange={(category) => onChange({ category })}
        options={categories}
      />
    </Space>
  );
}

export function TopicsPage() {
  const { api, t, language, session, config, client } = useSession();
  const columnOf = topicColumns(t);
  const { stations, nameOf } = useStations();
  const [filters, setFilters] = useState<Filters>({ status: "open" });
  const set = (patch: Filters) => setFilters((previous) => ({ ...previous, ...patch }));

  const columns: ColumnsType<Topic> = [
    columnOf.title,
    { title: t.station, key: "station", render: (_, row) => nameOf(row.stationId) },
    columnOf.step,
    columnOf.status,
    columnOf.deadline,
    { title: t.category, key: "category", render: (_, row) => row.categoryName ?? "" },
    { title: t.createdAt, key: "createdAt", render: (_, row) => dateTime(row.createdAt, language) },
  ];

  return (
    <ListPage<Topic>
      title={t.topics}
      testId="topics"
      extra={
        can.registerTopic(session) && (
          <Link to="/topics/new">
            <Button type="primary" icon={<PlusOutlined />}>
              {t.registerTopic}
            </Button>
          </Link>
        )
      }
      filters={<TopicFilters filters={filters} onChange={set} stations={stations} />}
      filterKey={JSON.stringify(filters)}
      columns={columns}
      rowKey={(row) => row.id}
      load={(cursor) => unwrap(api.GET("/topics", { params: { query: { ...filters, limit: 50, cursor } } }))}
      exportCsv={() => fetchCsv(config.apiBase, client, "/topics", { ...filters })}
      exportColumns={[]}
      exportName="topics"
    />
  );
}
