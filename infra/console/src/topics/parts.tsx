/** Small pieces the topic pages share: step, status and deadline tags, their columns, and the stations' names. */
import { Tag } from "antd";
import type { ColumnType } from "antd/es/table";
import { Link } from "react-router-dom";
import type { Api } from "../api/client";
import { unwrap } from "../api/errors";
import type { Station, Topic } from "../api/types";
import { useApp } from "../app-context";
import { dateTime, daysLeft, todayInShanghai } from "../format";
import { format, type Messages } from "../i18n/messages";
import { allPages } from "../patterns/all-pages";
import { tone } from "../patterns/tone";
import { useLoad } from "../patterns/use-load";
import { holidayCalendars } from "./holiday-calendars";
import { type Step, stepName, steps } from "./steps";
import { type HolidayCalendar, workingDaysLeft } from "./working-days";

export function StepTag({ step }: { step: Step }) {
  const { language } = useApp();
  return <Tag color={tone("processing")}>{`${steps.indexOf(step) + 1}. ${stepName(step, language)}`}</Tag>;
}

export function StatusTag({ topic }: { topic: Pick<Topic, "status" | "closedAs"> }) {
  const { t } = useApp();
  if (topic.status === "open") return <Tag color={tone("processing")}>{t.open}</Tag>;
  return (
    <Tag color={tone(topic.closedAs === "rejected" ? "default" : "success")}>
      {t[topic.closedAs ?? "closed"]}
    </Tag>
  );
}

/** The time left as people count it: working days once the holiday calendars are in, calendar days (so labelled) until then. */
function timeLeft(deadline: string, calendars: readonly HolidayCalendar[] | undefined, t: Messages) {
  const today = todayInShanghai();
  const deadlineDay = todayInShanghai(new Date(deadline));
  if (deadlineDay < today) return { label: t.overdue, days: -1 };
  if (deadlineDay === today) return { label: t.dueToday, days: 0 };
  if (!calendars) {
    const days = daysLeft(deadline);
    return { label: format(t.dueIn, { n: days }), days };
  }
  const left = workingDaysLeft(today, deadlineDay, calendars);
  return {
    label: format(t.dueInWorkingDays, { n: left.days }) + (left.estimated ? t.holidaysEstimated : ""),
    days: left.days,
  };
}

/** The step's deadline and the working days left (red when overdue). */
export function DeadlineText({ topic }: { topic: Pick<Topic, "deadline" | "overdue" | "status"> }) {
  const { t, language, api } = useApp();
  const calendars = useLoad(() => holidayCalendars(api), [api]);
  if (!topic.deadline || topic.status !== "open") return <span>{t.none}</span>;
  const left = timeLeft(topic.deadline, calendars.data, t);
  const overdue = topic.overdue || left.days < 0;
  return (
    <span>
      {dateTime(topic.deadline, language)}{" "}
      <Tag color={tone(overdue ? "error" : left.days <= 3 ? "warning" : "default")}>
        {overdue ? t.overdue : left.label}
      </Tag>
    </span>
  );
}

/** Every station the user may see (the API filters by role), page after page. */
export function allStations(api: Api): Promise<Station[]> {
  return allPages((cursor) => unwrap(api.GET("/stations", { params: { query: { limit: 100, cursor } } })));
}

export function useStations() {
  const { api } = useApp();
  const loaded = useLoad(() => allStations(api), [api]);
  const stations = loaded.data ?? [];
  const nameOf = (id: string) => stations.find((s) => s.id === id)?.name ?? id;
  return { stations, nameOf, loading: loaded.loading };
}

/** Open topics first, overdue first, then by deadline; then the step order. */
export function byUrgency(a: Topic, b: Topic): number {
  const open = (t: Topic) => (t.status === "open" ? 0 : 1);
  return (
    open(a) - open(b) ||
    Number(b.overdue) - Number(a.overdue) ||
    (a.deadline ?? "9").localeCompare(b.deadline ?? "9") ||
    steps.indexOf(a.step) - steps.indexOf(b.step)
  );
}

/** The columns every list of topics shows (home, 议题, a station's page), to be placed in each page's order. */
export function topicColumns(
  t: Messages,
): Record<"title" | "step" | "status" | "deadline", ColumnType<Topic>> {
  return {
    title: {
      title: t.title,
      key: "title",
      render: (_, row) => <Link to={`/topics/${row.id}`}>{row.title}</Link>,
    },
    step: { title: t.step, key: "step", render: (_, row) => <StepTag step={row.step} /> },
    // A closed topic keeps the step it ended at: its status says it is no longer open.
    status: { title: t.status, key: "status", render: (_, row) => <StatusTag topic={row} /> },
    deadline: { title: t.deadline, key: "deadline", render: (_, row) => <DeadlineText topic={row} /> },
  };
}
