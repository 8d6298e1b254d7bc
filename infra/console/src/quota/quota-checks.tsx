/**
 * 季度检查: the quarterly checks, scheduled and asked for, newest first — how many stations had met,
 * were on pace, behind or at risk, and how many were told. The county office may run the current
 * quarter's check now, again after recording more (it runs anew); it runs in the background (202),
 * so the list is read again until it is done. Members are not shown the checks (the API refuses them).
 */
import { Alert, Button, List, Tag } from "antd";
import { useEffect, useState } from "react";
import { unwrap } from "../api/errors";
import type { QuotaCheck } from "../api/types";
import { useSession } from "../app-context";
import { dateTime } from "../format";
import { labelOf, paceStatusLabels, quotaCheckTriggerLabels } from "../i18n/vocabulary";
import { Section } from "../patterns/section";
import { tone } from "../patterns/tone";
import { useAction } from "../patterns/use-action";
import { useLoad } from "../patterns/use-load";

const paceTone = { met: "success", on_pace: "processing", behind: "warning", at_risk: "error" } as const;
const paces = ["met", "on_pace", "behind", "at_risk"] as const;

function CheckLine({ check }: { readonly check: QuotaCheck }) {
  const { t, language } = useSession();
  return (
    <List.Item.Meta
      title={
        <span>
          {check.id} <Tag>{labelOf(quotaCheckTriggerLabels, check.trigger, language)}</Tag>
          {check.status === "running" && <Tag color={tone("processing")}>{t.checkRunning}</Tag>}
        </span>
      }
      description={
        <>
          {(check.years ?? []).map((year) => (
            <div key={year.year}>
              {year.year}
              {year.closing ? ` ${t.yearClosed}` : ""}：
              {paces.map((pace) => (
                <Tag key={pace} color={tone(paceTone[pace])}>
                  {labelOf(paceStatusLabels, pace, language)} {year.byStatus[pace]}
                </Tag>
              ))}
            </div>
          ))}
          <div>
            {check.finishedAt ? dateTime(check.finishedAt, language) : dateTime(check.startedAt, language)}
            {check.notices !== undefined && ` · ${t.noticesSent} ${check.notices}`}
          </div>
        </>
      }
    />
  );
}

export function QuotaChecks() {
  const { api, t, session, language } = useSession();
  const checks = useLoad(() => unwrap(api.GET("/quota-checks", { params: { query: { limit: 8 } } })), [api]);
  const running = (checks.data?.items ?? []).some((check) => check.status === "running");
  // A check in the background: read again every few seconds until it is done.
  const { reload } = checks;
  // biome-ignore lint/correctness/useExhaustiveDependencies: each new read of the list (`checks.data`) arms the next poll while a check runs
  useEffect(() => {
    if (!running) return;
    const timer = setTimeout(reload, 3_000);
    return () => clearTimeout(timer);
  }, [running, checks.data, reload]);
  const { run, busy, problem } = useAction(checks.reload);
  // What the button did: the quarter's check runs again each time it is asked for (202, followed
  // below until done); one answered as recorded (200, done) says when it was made.
  const [asked, setAsked] = useState<string | undefined>();
  const runNow = () =>
    run(async () => {
      setAsked(undefined);
      const check = await unwrap(api.POST("/quota-checks", { body: {} }));
      setAsked(
        check.status === "done"
          ? t.checkAlreadyDone
              .replace("{id}", check.id)
              .replace("{time}", dateTime(check.finishedAt ?? check.startedAt, language))
          : t.checkStarted.replace("{id}", check.id).replace("{runs}", String(check.runs)),
      );
    });
  return (
    <Section title={t.quotaChecks}>
      {session.role === "admin" && (
        <Button onClick={runNow} loading={busy || running} style={{ marginBottom: 8 }}>
          {t.runQuotaCheck}
        </Button>
      )}
      {asked && !problem && <Alert type="info" title={asked} showIcon role="status" />}
      {problem && <Alert type="error" title={problem} showIcon role="alert" />}
      <List<QuotaCheck>
        loading={checks.loading && !checks.data}
        dataSource={checks.data?.items ?? []}
        locale={{ emptyText: checks.error?.message ?? t.nothing }}
        renderItem={(check) => (
          <List.Item data-testid="quota-check">
            <CheckLine check={check} />
          </List.Item>
        )}
      />
    </Section>
  );
}
