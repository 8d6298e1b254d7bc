import { afterEach, describe, expect, it, vi } from "vitest";
import { emitMetric, metricLine } from "../../functions/kernel/metrics";

afterEach(() => {
  vi.restoreAllMocks();
  delete process.env.EMIT_METRICS;
});

describe("custom metrics as Embedded Metric Format lines", () => {
  it("name the namespace, the metric, its dimensions and its value", () => {
    const line = JSON.parse(metricLine("OpenTopics", 3, { Step: "consult" }, 1_700_000_000_000));
    expect(line).toEqual({
      _aws: {
        Timestamp: 1_700_000_000_000,
        CloudWatchMetrics: [
          {
            Namespace: "Haoshangliang",
            Dimensions: [["Step"]],
            Metrics: [{ Name: "OpenTopics", Unit: "Count" }],
          },
        ],
      },
      Step: "consult",
      OpenTopics: 3,
    });
    expect(JSON.parse(metricLine("OverdueTopics", 0))._aws.CloudWatchMetrics[0].Dimensions).toEqual([[]]);
  });

  it("are written on Lambda (or when asked), not by the local stack", () => {
    const info = vi.spyOn(console, "info").mockImplementation(() => {});
    emitMetric("NoticesSent", 1, { Channel: "sms" });
    expect(info).not.toHaveBeenCalled();
    process.env.EMIT_METRICS = "1";
    emitMetric("NoticesSent", 1, { Channel: "sms" });
    expect(info).toHaveBeenCalledOnce();
    expect(JSON.parse(String(info.mock.calls[0]?.[0]))).toMatchObject({ Channel: "sms", NoticesSent: 1 });
  });
});
