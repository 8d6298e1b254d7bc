/** 社情民意: a station's items by status, with the API's CSV export. */
import { PlusOutlined } from "@ant-design/icons";
import { Button, Flex, Tag } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useState } from "react";
import { Link } from "react-router-dom";
import { StationPicker, useStationChoice } from "../activities/station-choice";
import { fetchCsv } from "../api/client";
import { unwrap } from "../api/errors";
import { useSession } from "../app-context";
import { date } from "../format";
import { choicesOf, labelOf, opinionSourceLabels, opinionStatusLabels } from "../i18n/vocabulary";
import { FilterSelect } from "../patterns/filter-select";
import { ListPage } from "../patterns/list-page";
import { type Opinion, type OpinionStatus, statusTone } from "./opinion";

function useColumns(): ColumnsType<Opinion> {
  const { t, language } = useSession();
  return [
    { title: t.opinionReceivedOn, key: "receivedOn", render: (_, row) => date(row.receivedOn, language) },
    {
      title: t.opinionTitle,
      key: "title",
      render: (_, row) => <Link to={`/opinions/${row.id}`}>{row.title}</Link>,
    },
    {
      title: t.opinionSource,
      key: "source",
      render: (_, row) => labelOf(opinionSourceLabels, row.source, language),
    },
    { title: t.opinionSubmitter, key: "submitter", render: (_, row) => row.submitter?.name ?? "" },
    {
      title: t.status,
      key: "status",
      render: (_, row) => <Tag color={statusTone(row.status)}>{row.statusName}</Tag>,
    },
  ];
}

export function OpinionList() {
  const { api, t, language, config, client } = useSession();
  const choice = useStationChoice();
  const [status, setStatus] = useState<OpinionStatus | undefined>();
  const stationId = choice.stationId;
  return (
    <ListPage<Opinion>
      title={t.opinionsMenu}
      testId="opinions"
      extra={
        stationId && (
          <Link to={`/opinions/new?station=${stationId}`}>
            <Button type="primary" icon={<PlusOutlined />}>
              {t.opinionNew}
            </Button>
          </Link>
        )
      }
      filters={
        <Flex wrap gap="small">
          <StationPicker choice={choice} />
          <FilterSelect<OpinionStatus>
            label={t.opinionStatusFilter}
            placeholder={t.opinionAllStatuses}
            width={160}
            value={status}
            onChange={setStatus}
            options={choicesOf(opinionStatusLabels, language)}
          />
        </Flex>
      }
      filterKey={`${stationId}|${status}`}
      columns={useColumns()}
      rowKey={(row) => row.id}
      load={(cursor) =>
        stationId
          ? unwrap(
              api.GET("/stations/{stationId}/opinions", {
                params: { path: { stationId }, query: { status, limit: 100, cursor } },
              }),
            )
          : Promise.resolve({ items: [] })
      }
      exportCsv={
        stationId
          ? () => fetchCsv(config.apiBase, client, `/stations/${stationId}/opinions`, { status })
          : undefined
      }
      exportColumns={[]}
      exportName="opinions"
    />
  );
}
