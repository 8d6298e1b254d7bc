/**
 * 值班安排: a station's duty shifts from a week ago on — who is on duty which day and what became of
 * it. The station's staff plan and cancel shifts; staff or the member on duty record one that took
 * place (a shift not recorded by the next day is marked as missed, and may still be recorded late).
 */
import { Button, Form, Input, List, Modal, Tag } from "antd";
import { useState } from "react";
import { unwrap } from "../api/errors";
import type { DutyShift } from "../api/types";
import { useSession } from "../app-context";
import { can } from "../auth/session";
import { todayInShanghai } from "../format";
import type { Language, Messages } from "../i18n/messages";
import { dutyShiftStatusLabels, labelOf } from "../i18n/vocabulary";
import { ApiForm } from "../patterns/api-form";
import { type ExportColumn, toCsv } from "../patterns/export";
import { ExportButton } from "../patterns/export-button";
import { Section } from "../patterns/section";
import { tone } from "../patterns/tone";
import { useLoad } from "../patterns/use-load";
import { CheckInModal, PlanShiftModal } from "./shift-forms";

const statusTone = {
  planned: "processing",
  recorded: "success",
  no_show: "warning",
  cancelled: "default",
} as const;

/** The station's shifts from a week ago on: the missed ones still to record, and what is planned. */
function useShiftsFromLastWeek(stationId: string) {
  const { api } = useSession();
  const weekAgo = todayInShanghai(new Date(Date.now() - 7 * 86_400_000));
  return useLoad(
    () =>
      unwrap(
        api.GET("/stations/{stationId}/duty-shifts", {
          params: { path: { stationId }, query: { from: weekAgo, limit: 100 } },
        }),
      ),
    [api, stationId, weekAgo],
  );
}

function CancelShiftModal({
  shift,
  onClose,
  onDone,
}: {
  shift?: DutyShift;
  onClose: () => void;
  onDone: () => void;
}) {
  const { api, t } = useSession();
  return (
    <Modal open={shift !== undefined} title={t.cancelShift} onCancel={onClose} footer={null} destroyOnHidden>
      {shift && (
        <ApiForm<{ reason: string }>
          name="cancel-shift"
          submitLabel={t.cancelShift}
          submit={({ reason }) =>
            unwrap(
              api.DELETE("/duty-shifts/{shiftId}", {
                params: { path: { shiftId: shift.id } },
                body: { reason },
              }),
            )
          }
          onDone={onDone}
        >
          <Form.Item name="reason" label={t.cancelReason} rules={[{ required: true }]}>
            <Input maxLength={500} />
          </Form.Item>
        </ApiForm>
      )}
    </Modal>
  );
}

/** The roster as a spreadsheet: the rows as shown (the API has no CSV of shifts). */
function shiftColumns(
  t: Messages,
  language: Language,
  nameOf: (memberId: string) => string,
): ExportColumn<DutyShift>[] {
  return [
    { title: t.shiftDate, value: (shift) => shift.date },
    { title: t.memberOnDuty, value: (shift) => nameOf(shift.memberId) },
    { title: t.status, value: (shift) => labelOf(dutyShiftStatusLabels, shift.status, language) },
    { title: t.visitorsReceived, value: (shift) => shift.visitorsReceived },
    { title: t.note, value: (shift) => shift.note ?? shift.cancelReason },
  ];
}

function ShiftMeta({ shift, memberName }: { readonly shift: DutyShift; readonly memberName: string }) {
  const { t, language } = useSession();
  return (
    <List.Item.Meta
      title={
        <span>
          {shift.date.replaceAll("-", "/")} · {memberName}{" "}
          <Tag color={tone(statusTone[shift.status])}>
            {labelOf(dutyShiftStatusLabels, shift.status, language)}
          </Tag>
        </span>
      }
      description={[
        shift.note,
        shift.visitorsReceived !== undefined && `${t.visitorsReceived}：${shift.visitorsReceived}`,
        shift.cancelReason && `${t.cancelReason}：${shift.cancelReason}`,
      ]
        .filter(Boolean)
        .join(" · ")}
    />
  );
}

interface Props {
  readonly stationId: string;
  /** The members serving at the station, as options (value: member id). */
  readonly members: readonly { value: string; label: string }[];
}

export function DutyRoster({ stationId, members }: Props) {
  const { t, language, session } = useSession();
  const [planning, setPlanning] = useState(false);
  const [recording, setRecording] = useState<DutyShift>();
  const [cancelling, setCancelling] = useState<DutyShift>();
  const shifts = useShiftsFromLastWeek(stationId);
  const staff = can.workOnTopic(session, stationId);
  const today = todayInShanghai();
  const nameOf = (memberId: string) => members.find((m) => m.value === memberId)?.label ?? memberId;
  const done = (close: () => void) => () => {
    close();
    shifts.reload();
  };
  const actionsOf = (shift: DutyShift) => {
    const recordable = (shift.status === "planned" || shift.status === "no_show") && shift.date <= today;
    const mine = staff || session.memberId === shift.memberId;
    return [
      recordable && mine && (
        <Button key="check-in" size="small" type="primary" onClick={() => setRecording(shift)}>
          {t.checkIn}
        </Button>
      ),
      staff && shift.status === "planned" && shift.date >= today && (
        <Button key="cancel" size="small" onClick={() => setCancelling(shift)}>
          {t.cancelShift}
        </Button>
      ),
    ].filter(Boolean);
  };
  return (
    <Section
      title={t.dutyRoster}
      extra={
        <ExportButton
          rows={() => toCsv(shifts.data?.items ?? [], shiftColumns(t, language, nameOf))}
          fileName="duty-shifts"
          label={t.dutyRoster}
        />
      }
    >
      {staff && (
        <Button onClick={() => setPlanning(true)} style={{ marginBottom: 8 }}>
          {t.planShift}
        </Button>
      )}
      <List<DutyShift>
        loading={shifts.loading}
        dataSource={[...(shifts.data?.items ?? [])].sort((a, b) => a.date.localeCompare(b.date))}
        locale={{ emptyText: shifts.error?.message ?? t.noDutyShift }}
        renderItem={(shift) => (
          <List.Item actions={actionsOf(shift)} data-testid="duty-shift">
            <ShiftMeta shift={shift} memberName={nameOf(shift.memberId)} />
          </List.Item>
        )}
      />
      <PlanShiftModal
        stationId={stationId}
        open={planning}
        members={members}
        onClose={() => setPlanning(false)}
        onDone={done(() => setPlanning(false))}
      />
      <CheckInModal
        shift={recording}
        onClose={() => setRecording(undefined)}
        onDone={done(() => setRecording(undefined))}
      />
      <CancelShiftModal
        shift={cancelling}
        onClose={() => setCancelling(undefined)}
        onDone={done(() => setCancelling(undefined))}
      />
    </Section>
  );
}
