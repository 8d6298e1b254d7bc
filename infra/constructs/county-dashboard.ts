/**
 * One CloudWatch dashboard for the county (decision 0026): the topics open at each step and past
 * their deadline, the notices sent and failed, the quarterly checks, the topic loop's executions and
 * the sweeper's restarts, the API and every alarm's state. The custom metrics are the functions'
 * Embedded Metric Format lines (functions/kernel/metrics.ts).
 */
import { Duration } from "aws-cdk-lib";
import type { HttpApi } from "aws-cdk-lib/aws-apigatewayv2";
import {
  type Alarm,
  AlarmStatusWidget,
  Dashboard,
  GraphWidget,
  type IMetric,
  Metric,
  SingleValueWidget,
  Stats,
} from "aws-cdk-lib/aws-cloudwatch";
import type { StateMachine } from "aws-cdk-lib/aws-stepfunctions";
import { Construct } from "constructs";
import { topicSteps } from "../../functions/domain/topics/steps";
import { metricsNamespace } from "../../functions/kernel/metrics";

export interface CountyDashboardProps {
  readonly dashboardName: string;
  readonly stateMachine: StateMachine;
  readonly httpApi: HttpApi;
  readonly alarms: readonly Alarm[];
}

/** The notice channels (functions/notices/notifier.ts `Channel`). */
const channels = ["sms", "email", "chat", "inbox"] as const;

const custom = (
  metricName: string,
  statistic: string,
  period: Duration,
  dimensionsMap?: Record<string, string>,
) =>
  new Metric({
    namespace: metricsNamespace,
    metricName,
    statistic,
    period,
    ...(dimensionsMap ? { dimensionsMap, label: Object.values(dimensionsMap).join(" ") } : {}),
  });

export class CountyDashboard extends Construct {
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: CountyDashboardProps) {
    super(scope, id);
    const hour = Duration.hours(1);
    const day = Duration.days(1);
    this.dashboard = new Dashboard(this, "Dashboard", {
      dashboardName: props.dashboardName,
      defaultInterval: Duration.days(14),
    });
    this.dashboard.addWidgets(
      graph(
        "议题 · Open topics per step (hourly sweep)",
        topicSteps.map((step) => custom("OpenTopics", Stats.MAXIMUM, hour, { Step: step })),
        { stacked: true },
      ),
      graph("超期 · Overdue topics", [custom("OverdueTopics", Stats.MAXIMUM, hour)]),
      new SingleValueWidget({
        title: "Now: overdue · restarted by the sweeper (24 h) · given up",
        metrics: [
          custom("OverdueTopics", Stats.MAXIMUM, hour),
          custom("TopicsRestarted", Stats.SUM, day),
          custom("TopicsGivenUp", Stats.MAXIMUM, hour),
        ],
        width: 6,
      }),
    );
    this.dashboard.addWidgets(
      graph(
        "通知 · Notices sent, by channel",
        channels.map((channel) => custom("NoticesSent", Stats.SUM, hour, { Channel: channel })),
        { stacked: true },
      ),
      graph(
        "通知失败 · Notices failed, by channel",
        channels.map((channel) => custom("NoticesFailed", Stats.SUM, hour, { Channel: channel })),
      ),
      graph("季度检查 · Quarterly checks due and completed", [
        custom("QuotaCheckDue", Stats.SUM, day),
        custom("QuotaCheckCompleted", Stats.SUM, day),
      ]),
    );
    const machine = props.stateMachine;
    this.dashboard.addWidgets(
      graph("Topic loop executions", [
        machine.metricStarted({ period: hour }),
        machine.metricSucceeded({ period: hour }),
        machine.metricFailed({ period: hour }),
        machine.metricTimedOut({ period: hour }),
        machine.metricAborted({ period: hour }),
        custom("TopicsRestarted", Stats.SUM, hour),
        custom("TopicRestartsFailed", Stats.SUM, hour),
      ]),
      graph("API requests and errors", [
        props.httpApi.metricCount({ period: hour }),
        props.httpApi.metricClientError({ period: hour }),
        props.httpApi.metricServerError({ period: hour }),
      ]),
      new AlarmStatusWidget({ title: "Alarms", alarms: [...props.alarms], width: 8, height: 8 }),
    );
  }
}

function graph(title: string, left: IMetric[], options: { readonly stacked?: boolean } = {}): GraphWidget {
  return new GraphWidget({ title, left, width: 8, height: 6, ...(options.stacked ? { stacked: true } : {}) });
}
