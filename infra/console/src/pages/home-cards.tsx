/** Cards of the 工作台 beyond topics: a member's next duty shift, a station staff's 4+X pace. */
import { Alert, Card, List, Table, Tag, Typography } from "antd";
import type { ReactNode } from "react";
import { Link } from "react-router-dom";
import { unwrap } from "../api/errors";
import type { StationQuota } from "../api/types";
import { useSession } from "../app-context";
import { todayInShanghai } from "../format";
import { tone } from "../patterns/tone";
import { useLoad } from "../patterns/use-load";

const heading = (text: string) => (
  <Typography.Title level={2} style={{ margin: 0, fontSize: 16 }}>
    {text}
  </Typography.Title>
);

function HomeCard(props: { title: string; testId: string; error?: Error; children: ReactNode }) {
  return (
    <Card title={heading(props.title)} data-testid={props.testId}>
      {props.error && <Alert type="error" title={props.error.message} showIcon />}
      {props.children}
    </Card>
  );
}

interface Shift {
  readonly date: string;
  readonly stationName: string;
}

/** The member's planned shifts from today on, at every station they serve, earliest first. */
export function NextDutyShift({ memberId }: { memberId: string }) {
  const { api, t } = useSession();
  const shifts = useLoad(async () => {
    const member = await unwrap(api.GET("/members/{memberId}", { params: { path: { memberId } } }));
    const from = todayInShanghai();
    const rosters = await Promise.all(
      (member.stations ?? []).map(async (station) => {
        const page = await unwrap(
          api.GET("/stations/{stationId}/duty-shifts", {
            params: {
              path: { stationId: station.stationId },
              query: { from, status: "planned", limit: 100 },
            },
          }),
        );
        return page.items
          .filter((shift) => shift.memberId === memberId)
          .map((shift): Shift => ({ date: shift.date, stationName: station.name }));
      }),
    );
    return rosters.flat().sort((a, b) => a.date.localeCompare(b.date));
  }, [api, memberId]);
  return (
    <HomeCard title={t.nextDutyShift} testId="next-duty-shift" error={shifts.error}>
      <List<Shift>
        loading={shifts.loading}
        dataSource={(shifts.data ?? []).slice(0, 3)}
        locale={{ emptyText: t.noDutyShift }}
        renderItem={(shift, index) => (
          <List.Item>
            <span>
              {shift.date.replaceAll("-", "/")} · {shift.stationName}{" "}
              {index === 0 && <Tag color={tone("processing")}>{t.next}</Tag>}
            </span>
          </List.Item>
        )}
      />
    </HomeCard>
  );
}

const paceColor = { met: "success", on_pace: "processing", behind: "warning", at_risk: "error" } as const;
const tally = (value: { count: number; target: number }) => `${value.count} / ${value.target}`;

/** The 4+X pace of the stations a staff member runs (GET /stations/{id}/quota, this year). */
export function MyStationsPace({ stationIds }: { stationIds: readonly string[] }) {
  const { api, t } = useSession();
  const quotas = useLoad(
    () =>
      Promise.all(
        stationIds.map((stationId) =>
          unwrap(api.GET("/stations/{stationId}/quota", { params: { path: { stationId } } })),
        ),
      ),
    [api, stationIds.join()],
  );
  return (
    <HomeCard title={t.myStationsPace} testId="my-stations-pace" error={quotas.error}>
      <Table<StationQuota>
        size="small"
        loading={quotas.loading}
        dataSource={quotas.data ?? []}
        rowKey={(row) => row.stationId}
        pagination={false}
        scroll={{ x: "max-content" }}
        locale={{ emptyText: t.nothing }}
        columns={[
          {
            title: t.station,
            key: "station",
            render: (_, row) => <Link to={`/stations/${row.stationId}`}>{row.stationName}</Link>,
          },
          {
            title: t.quotaStatus,
            key: "status",
            render: (_, row) => <Tag color={tone(paceColor[row.status])}>{row.statusLabel}</Tag>,
          },
          { title: t.consultations, key: "consultations", render: (_, row) => tally(row.consultations) },
          { title: t.opinions, key: "opinions", render: (_, row) => tally(row.opinions) },
        ]}
      />
    </HomeCard>
  );
}
