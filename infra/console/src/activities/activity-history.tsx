/** Who recorded, corrected or deleted an activity, when and why. */
import { Timeline } from "antd";
import { unwrap } from "../api/errors";
import { useSession } from "../app-context";
import { dateTime } from "../format";
import { activityEventLabels, labelOf } from "../i18n/vocabulary";
import { Section } from "../patterns/section";
import { useLoad } from "../patterns/use-load";

interface Props {
  readonly activityId: string;
  /** Reloads the history when the activity changes. */
  readonly version: number;
}

export function ActivityHistory({ activityId, version }: Props) {
  const { api, t, language } = useSession();
  const history = useLoad(
    () => unwrap(api.GET("/activities/{activityId}/history", { params: { path: { activityId } } })),
    [api, activityId, version],
  );
  const items = history.data?.items ?? [];
  return (
    <Section title={t.activityHistory}>
      <Timeline
        data-testid="activity-history"
        items={items.map((event) => ({
          key: event.seq,
          content: (
            <>
              {dateTime(event.at, language)} · {labelOf(activityEventLabels, event.kind, language)} ·{" "}
              {event.actor.name ?? event.actor.subject}
              {event.reason ? ` · ${t.reason}：${event.reason}` : ""}
              {event.changes ? ` · ${Object.keys(event.changes).join("、")}` : ""}
            </>
          ),
        }))}
      />
    </Section>
  );
}
