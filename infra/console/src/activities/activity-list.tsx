/** 4+X 活动: a station's activities by kind, year and quarter, with the API's CSV export. */
import { PlusOutlined } from "@ant-design/icons";
import { Button, Flex, Tag } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useState } from "react";
import { Link } from "react-router-dom";
import { fetchCsv } from "../api/client";
import { unwrap } from "../api/errors";
import { useSession } from "../app-context";
import { can } from "../auth/session";
import { date, todayInShanghai } from "../format";
import { format, type Language, type Messages } from "../i18n/messages";
import { activityTypeLabels, choicesOf, labelOf } from "../i18n/vocabulary";
import type { ExportColumn } from "../patterns/export";
import { FilterSelect } from "../patterns/filter-select";
import { ListPage } from "../patterns/list-page";
import { type Activity, type ActivityType, activityName, quarterOf } from "./activity";
import { StationPicker, useStationChoice } from "./station-choice";

function useColumns(): ColumnsType<Activity> {
  const { t, language } = useSession();
  return [
    {
      title: t.activityDate,
      key: "date",
      render: (_, row) => <Link to={`/activities/${row.id}`}>{date(row.date, language)}</Link>,
    },
    { title: t.activityType, key: "type", render: (_, row) => <Tag>{activityName(row, language)}</Tag> },
    { title: t.activityPlace, dataIndex: "place", key: "place" },
    { title: t.activityMemberCount, key: "members", render: (_, row) => row.memberIds.length },
    { title: t.activityResidents, dataIndex: "residentsReached", key: "residentsReached" },
    { title: t.activityRecordedBy, key: "recordedBy", render: (_, row) => row.recordedBy?.name ?? "" },
  ];
}

/** The rows as shown, for a quarter's export (the API's CSV is by year). */
function exportColumns(t: Messages, language: Language): ExportColumn<Activity>[] {
  return [
    { title: t.activityDate, value: (row) => row.date },
    { title: t.activityType, value: (row) => labelOf(activityTypeLabels, row.type, language) },
    { title: t.activityLabel, value: (row) => row.label },
    { title: t.activityPlace, value: (row) => row.place },
    { title: t.activityMemberCount, value: (row) => row.memberIds.length },
    { title: t.activityResidents, value: (row) => row.residentsReached },
    { title: t.activitySummary, value: (row) => row.summary },
  ];
}

export function ActivityList() {
  const { api, t, session, language, config, client } = useSession();
  const choice = useStationChoice();
  const thisYear = Number(todayInShanghai().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const [type, setType] = useState<ActivityType | undefined>();
  const [quarter, setQuarter] = useState<number | undefined>();
  const stationId = choice.stationId;
  const filters = (
    <Flex wrap gap="small">
      <StationPicker choice={choice} />
      <FilterSelect<ActivityType>
        label={t.activityKindFilter}
        placeholder={t.activityAllKinds}
        width={160}
        value={type}
        onChange={setType}
        options={choicesOf(activityTypeLabels, language)}
      />
      <FilterSelect<number>
        label={t.activityYearFilter}
        width={100}
        clearable={false}
        value={year}
        onChange={(chosen) => setYear(chosen ?? thisYear)}
        options={[0, 1, 2].map((n) => ({ value: thisYear - n, label: String(thisYear - n) }))}
      />
      <FilterSelect<number>
        label={t.activityQuarterFilter}
        width={120}
        value={quarter}
        onChange={setQuarter}
        options={[1, 2, 3, 4].map((n) => ({ value: n, label: format(t.activityQuarter, { n }) }))}
      />
    </Flex>
  );
  return (
    <ListPage<Activity>
      title={t.activitiesMenu}
      testId="activities"
      extra={
        stationId &&
        can.workOnTopic(session, stationId) && (
          <Link to={`/activities/new?station=${stationId}`}>
            <Button type="primary" icon={<PlusOutlined />}>
              {t.activityNew}
            </Button>
          </Link>
        )
      }
      filters={filters}
      filterKey={`${stationId}|${type}|${year}|${quarter}`}
      columns={useColumns()}
      rowKey={(row) => row.id}
      load={async (cursor) => {
        if (!stationId) return { items: [] };
        const page = await unwrap(
          api.GET("/stations/{stationId}/activities", {
            params: { path: { stationId }, query: { year, type, limit: 100, cursor } },
          }),
        );
        return { ...page, items: page.items.filter((a) => !quarter || quarterOf(a.date) === quarter) };
      }}
      exportCsv={
        quarter || !stationId
          ? undefined
          : () =>
              fetchCsv(config.apiBase, client, `/stations/${stationId}/activities`, {
                year: String(year),
                type,
              })
      }
      exportColumns={exportColumns(t, language)}
      exportName="activities"
    />
  );
}
