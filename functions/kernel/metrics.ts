/**
 * Custom metrics as CloudWatch Embedded Metric Format log lines (decision 0026): one JSON line on
 * stdout that Lambda's log group turns into a metric, no client library and no API call. The
 * dashboard and some alarms read them (namespace `Haoshangliang`).
 *
 * Off the Lambda runtime (the local stack, tests) nothing reads them, so they are written only when
 * `AWS_LAMBDA_FUNCTION_NAME` is set or `EMIT_METRICS=1` asks for them.
 */
export const metricsNamespace = "Haoshangliang";

export type MetricName =
  | "QuotaCheckDue"
  | "QuotaCheckCompleted"
  | "OpenTopics"
  | "OverdueTopics"
  | "TopicsRestarted"
  | "TopicsGivenUp"
  | "TopicRestartsFailed"
  | "NoticesSent"
  | "NoticesFailed";

type Dimensions = Readonly<Record<string, string>>;

const emitting = () => Boolean(process.env.AWS_LAMBDA_FUNCTION_NAME) || process.env.EMIT_METRICS === "1";

/** The EMF line of one value of one metric, with its dimensions (none: the metric alone). */
export function metricLine(
  name: MetricName,
  value: number,
  dimensions: Dimensions = {},
  at = Date.now(),
): string {
  return JSON.stringify({
    _aws: {
      Timestamp: at,
      CloudWatchMetrics: [
        {
          Namespace: metricsNamespace,
          Dimensions: [Object.keys(dimensions)],
          Metrics: [{ Name: name, Unit: "Count" }],
        },
      ],
    },
    ...dimensions,
    [name]: value,
  });
}

/** Emits one value of a metric (a count of 1 by default). */
export function emitMetric(name: MetricName, value = 1, dimensions: Dimensions = {}): void {
  if (emitting()) console.info(metricLine(name, value, dimensions));
}
