/** 登记活动: a station's staff (or the county office) logs an activity; the API checks the rest. */
import { Card, Typography } from "antd";
import { useNavigate } from "react-router-dom";
import { unwrap } from "../api/errors";
import { useSession } from "../app-context";
import { todayInShanghai } from "../format";
import { ApiForm } from "../patterns/api-form";
import { ActivityFields, type ActivityValues, activityBody } from "./activity-fields";
import { StationPicker, useStationChoice } from "./station-choice";

export function ActivityNew() {
  const { api, t } = useSession();
  const navigate = useNavigate();
  const choice = useStationChoice();
  const stationId = choice.stationId;
  return (
    <Card
      title={
        <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>
          {t.activityNew}
        </Typography.Title>
      }
      extra={<StationPicker choice={choice} />}
      style={{ maxWidth: 720 }}
    >
      <ApiForm<ActivityValues>
        name="activity"
        initialValues={{ date: todayInShanghai() }}
        submit={(values) =>
          unwrap(
            api.POST("/stations/{stationId}/activities", {
              params: {
                path: { stationId: stationId ?? "" },
                header: { "Idempotency-Key": crypto.randomUUID() },
              },
              body: activityBody(values),
            }),
          )
        }
        onDone={(activity) => navigate(`/activities/${(activity as { id: string }).id}`)}
      >
        <ActivityFields stationId={stationId} />
      </ApiForm>
    </Card>
  );
}
