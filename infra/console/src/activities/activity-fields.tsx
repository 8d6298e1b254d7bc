/** The fields of an activity, for logging one and for correcting it; members come from the station's roster. */
import { Form, Input, InputNumber, Select } from "antd";
import { unwrap } from "../api/errors";
import { useSession } from "../app-context";
import { todayInShanghai } from "../format";
import { activityTypeLabels, choicesOf } from "../i18n/vocabulary";
import { allPages } from "../patterns/all-pages";
import { useLoad } from "../patterns/use-load";
import type { ActivityType } from "./activity";

export interface ActivityValues {
  type: ActivityType;
  label?: string;
  date: string;
  place: string;
  memberIds?: string[];
  residentsReached?: number;
  summary?: string;
  topicId?: string;
}

/** The station's members as picker options. */
export function useRoster(stationId: string | undefined) {
  const { api } = useSession();
  const roster = useLoad(
    () =>
      stationId
        ? allPages((cursor) =>
            unwrap(
              api.GET("/stations/{stationId}/members", {
                params: { path: { stationId }, query: { limit: 100, cursor } },
              }),
            ),
          )
        : Promise.resolve([]),
    [api, stationId],
  );
  return (roster.data ?? []).map((a) => ({ value: a.memberId, label: a.member?.name ?? a.memberId }));
}

/**
 * The station's topics (the newest 100) as picker options: an activity may belong to one. The topic
 * it already belongs to is among them even when older (read on its own), so that it shows by title.
 */
function useStationTopics(stationId: string | undefined, linked: string | undefined) {
  const { api } = useSession();
  const topics = useLoad(async () => {
    if (!stationId) return [];
    const newest = (await unwrap(api.GET("/topics", { params: { query: { stationId, limit: 100 } } }))).items;
    if (!linked || newest.some((topic) => topic.id === linked)) return newest;
    const older = await unwrap(api.GET("/topics/{topicId}", { params: { path: { topicId: linked } } }));
    return [...newest, older];
  }, [api, stationId, linked]);
  return (topics.data ?? []).map((topic) => ({ value: topic.id, label: topic.title }));
}

export function ActivityFields({
  stationId,
  linkedTopicId,
}: {
  readonly stationId: string | undefined;
  /** The topic the activity being corrected belongs to. */
  readonly linkedTopicId?: string | undefined;
}) {
  const { t, language } = useSession();
  const roster = useRoster(stationId);
  const topics = useStationTopics(stationId, linkedTopicId);
  return (
    <>
      <Form.Item name="type" label={t.activityType} rules={[{ required: true }]}>
        <Select options={choicesOf(activityTypeLabels, language)} />
      </Form.Item>
      <Form.Item name="label" label={t.activityLabel}>
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item name="date" label={t.activityDate} rules={[{ required: true }]}>
        <Input type="date" max={todayInShanghai()} />
      </Form.Item>
      <Form.Item name="place" label={t.activityPlace} rules={[{ required: true }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="memberIds" label={t.activityMembers}>
        <Select mode="multiple" options={roster} showSearch={{ optionFilterProp: "label" }} />
      </Form.Item>
      <Form.Item name="residentsReached" label={t.activityResidents}>
        <InputNumber min={0} precision={0} />
      </Form.Item>
      <Form.Item name="summary" label={t.activitySummary}>
        <Input.TextArea rows={4} maxLength={2000} />
      </Form.Item>
      <Form.Item name="topicId" label={t.activityTopic}>
        <Select allowClear placeholder={t.none} options={topics} showSearch={{ optionFilterProp: "label" }} />
      </Form.Item>
    </>
  );
}

/** The body's optional parts: empty inputs are left out, not sent as empty strings. */
export function activityBody(values: ActivityValues) {
  const { label, summary, memberIds, residentsReached, topicId, ...rest } = values;
  return {
    ...rest,
    ...(label ? { label } : {}),
    ...(summary ? { summary } : {}),
    ...(topicId ? { topicId } : {}),
    ...(memberIds?.length ? { memberIds } : {}),
    ...(residentsReached !== undefined && residentsReached !== null ? { residentsReached } : {}),
  };
}
