/** 通知记录: every notice and what became of it, filtered by status and channel, with the API's CSV. */
import { Space, Tag } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useState } from "react";
import { Link } from "react-router-dom";
import { fetchCsv } from "../api/client";
import { unwrap } from "../api/errors";
import type { Notification } from "../api/types";
import { useSession } from "../app-context";
import { dateTime } from "../format";
import { channelLabels, choicesOf, deliveryStatusLabels, labelOf } from "../i18n/vocabulary";
import { FilterSelect } from "../patterns/filter-select";
import { ListPage } from "../patterns/list-page";
import { type Tone, tone } from "../patterns/tone";

type Status = Notification["status"];
type Channel = Notification["channel"];
/** The log across topics lists notices by state; a sent one is found from its topic or recipient. */
const statuses: Status[] = ["failed", "held", "queued", "sending", "folded"];
const statusColor: Record<Status, Tone> = {
  queued: "default",
  sending: "processing",
  sent: "success",
  held: "warning",
  failed: "error",
  folded: "default",
};

export function NotificationsPage() {
  const { api, t, language, config, client } = useSession();
  const [filters, setFilters] = useState<{ status: Status; channel?: Channel }>({ status: "failed" });
  const columns: ColumnsType<Notification> = [
    { title: t.createdAt, key: "createdAt", render: (_, row) => dateTime(row.createdAt, language) },
    { title: t.recipient, key: "recipient", render: (_, row) => row.recipient.name },
    { title: t.channel, key: "channel", render: (_, row) => labelOf(channelLabels, row.channel, language) },
    { title: t.subject, dataIndex: "subject", key: "subject" },
    {
      title: t.status,
      key: "status",
      render: (_, row) => (
        <Tag color={tone(statusColor[row.status])}>{labelOf(deliveryStatusLabels, row.status, language)}</Tag>
      ),
    },
    { title: t.attempts, dataIndex: "attempts", key: "attempts" },
    { title: t.lastError, dataIndex: "lastError", key: "lastError" },
    {
      title: t.topics,
      key: "topic",
      render: (_, row) => (row.topicId ? <Link to={`/topics/${row.topicId}`}>{t.view}</Link> : null),
    },
  ];
  return (
    <ListPage<Notification>
      title={t.notifications}
      testId="notifications"
      filters={
        <Space wrap>
          <FilterSelect<Status>
            label={t.status}
            width={140}
            clearable={false}
            value={filters.status}
            onChange={(status) => setFilters((f) => ({ ...f, status: status ?? f.status }))}
            options={statuses.map((value) => ({
              value,
              label: labelOf(deliveryStatusLabels, value, language),
            }))}
          />
          <FilterSelect<Channel>
            label={t.channel}
            width={140}
            value={filters.channel}
            onChange={(channel) => setFilters((f) => ({ ...f, channel }))}
            options={choicesOf(channelLabels, language)}
          />
        </Space>
      }
      filterKey={JSON.stringify(filters)}
      columns={columns}
      rowKey={(row) => row.id}
      load={(cursor) =>
        unwrap(api.GET("/notifications", { params: { query: { ...filters, limit: 100, cursor } } }))
      }
      exportCsv={() => fetchCsv(config.apiBase, client, "/notifications", { ...filters })}
      exportColumns={[]}
      exportName="notifications"
    />
  );
}
