/** Small pieces the topic pages share: step, status and deadline tags, and the stations' names. */
import { Tag } from "antd";
import type { Api } from "../api/client";
import { unwrap } from "../api/errors";
import type { Station, Topic } from "../api/types";
import { useApp } from "../app-context";
import { dateTime, daysLeft } from "../format";
import { tone } from "../patterns/tone";
import { useLoad } from "../patterns/use-load";
import { type Step, stepName, steps } from "./steps";

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

/** The step's deadline and the days left (red when overdue). */
export function DeadlineText({ topic }: { topic: Pick<Topic, "deadline" | "overdue" | "status"> }) {
  const { t, language } = useApp();
  if (!topic.deadline || topic.status !== "open") return <span>{t.none}</span>;
  const days = daysLeft(topic.deadline);
  const label =
    topic.overdue || days < 0 ? t.overdue : days === 0 ? t.dueToday : t.dueIn.replace("{n}", String(days));
  return (
    <span>
      {dateTime(topic.deadline, language)}{" "}
      <Tag color={tone(topic.overdue || days < 0 ? "error" : days <= 3 ? "warning" : "default")}>{label}</Tag>
    </span>
  );
}

/** Every station the user may see (the API filters by role), page after page. */
export async function allStations(api: Api): Promise<Station[]> {
  const stations: Station[] = [];
  let cursor: string | undefined;
  do {
    const page = await unwrap(api.GET("/stations", { params: { query: { limit: 100, cursor } } }));
    stations.push(...page.items);
    cursor = page.cursor ?? undefined;
  } while (cursor);
  return stations;
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
