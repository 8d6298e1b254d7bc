/** 更正活动: any field, with the reason the API keeps in the history; the version read guards against a lost update. */
import { Alert, Card, Form, Input, Spin, Typography } from "antd";
import { useNavigate } from "react-router-dom";
import { unwrap } from "../api/errors";
import { useSession } from "../app-context";
import { ApiForm } from "../patterns/api-form";
import type { Activity } from "./activity";
import { ActivityFields, type ActivityValues } from "./activity-fields";
import { useActivity } from "./use-activity";

type CorrectionValues = ActivityValues & { reason: string };

/** The correction's body: every field as the form has it, cleared ones as null, with the version read. */
function correction(activity: Activity, values: CorrectionValues) {
  const { label, summary, memberIds, residentsReached, topicId, ...rest } = values;
  return {
    ...rest,
    label: label || (activity.label ? null : undefined),
    summary: summary || (activity.summary ? null : undefined),
    topicId: topicId || (activity.topicId ? null : undefined),
    memberIds: memberIds ?? [],
    ...(residentsReached !== undefined && residentsReached !== null ? { residentsReached } : {}),
    version: activity.version,
  };
}

export function ActivityEdit() {
  const { api, t } = useSession();
  const navigate = useNavigate();
  const loaded = useActivity();
  if (loaded.error) return <Alert type="error" title={loaded.error.message} showIcon />;
  const activity = loaded.data;
  if (!activity) return <Spin />;
  const { type, label, date, place, memberIds, residentsReached, summary, topicId } = activity;
  return (
    <Card
      title={
        <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>
          {t.activityEdit}
        </Typography.Title>
      }
      style={{ maxWidth: 720 }}
    >
      <ApiForm<CorrectionValues>
        name="activity-correction"
        submitLabel={t.activityCorrect}
        initialValues={{ type, label, date, place, memberIds, residentsReached, summary, topicId }}
        submit={(values) =>
          unwrap(
            api.PATCH("/activities/{activityId}", {
              params: { path: { activityId: activity.id } },
              body: correction(activity, values),
            }),
          )
        }
        onDone={() => navigate(`/activities/${activity.id}`)}
      >
        <ActivityFields stationId={activity.stationId} linkedTopicId={activity.topicId} />
        <Form.Item name="reason" label={t.activityReason} rules={[{ required: true }]}>
          <Input maxLength={500} />
        </Form.Item>
      </ApiForm>
    </Card>
  );
}
