/**
 * The duty roster's forms (委员值班): plan a shift for a member who serves at the station, and record
 * a shift that took place (值班登记: visitors received, residents reached, what was done) — which
 * the API counts as a duty activity toward the station's 4+X.
 */
import { Form, Input, InputNumber, Modal, Select } from "antd";
import { unwrap } from "../api/errors";
import type { DutyShift } from "../api/types";
import { useSession } from "../app-context";
import { todayInShanghai } from "../format";
import { ApiForm } from "../patterns/api-form";

interface PlanProps {
  readonly stationId: string;
  readonly open: boolean;
  readonly members: readonly { value: string; label: string }[];
  readonly onClose: () => void;
  readonly onDone: () => void;
}

export function PlanShiftModal({ stationId, open, members, onClose, onDone }: PlanProps) {
  const { api, t } = useSession();
  return (
    <Modal open={open} title={t.planShift} onCancel={onClose} footer={null} destroyOnHidden>
      <ApiForm<{ date: string; memberId: string; note?: string }>
        name="plan-shift"
        submitLabel={t.planShift}
        initialValues={{ date: todayInShanghai() }}
        submit={({ note, ...values }) =>
          unwrap(
            api.POST("/stations/{stationId}/duty-shifts", {
              params: { path: { stationId } },
              body: { ...values, ...(note?.trim() ? { note: note.trim() } : {}) },
            }),
          )
        }
        onDone={onDone}
      >
        <Form.Item name="date" label={t.shiftDate} rules={[{ required: true }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="memberId" label={t.memberOnDuty} rules={[{ required: true }]}>
          <Select showSearch={{ optionFilterProp: "label" }} options={[...members]} />
        </Form.Item>
        <Form.Item name="note" label={t.note}>
          <Input maxLength={200} />
        </Form.Item>
      </ApiForm>
    </Modal>
  );
}

interface CheckInValues {
  visitorsReceived: number;
  residentsReached?: number;
  summary?: string;
}

interface CheckInProps {
  readonly shift: DutyShift | undefined;
  readonly onClose: () => void;
  readonly onDone: () => void;
}

export function CheckInModal({ shift, onClose, onDone }: CheckInProps) {
  const { api, t } = useSession();
  return (
    <Modal open={shift !== undefined} title={t.checkIn} onCancel={onClose} footer={null} destroyOnHidden>
      {shift && (
        <ApiForm<CheckInValues>
          name="check-in"
          submitLabel={t.checkIn}
          initialValues={{ visitorsReceived: 0 }}
          submit={({ residentsReached, summary, visitorsReceived }) =>
            unwrap(
              api.POST("/duty-shifts/{shiftId}/check-in", {
                params: { path: { shiftId: shift.id }, header: { "Idempotency-Key": crypto.randomUUID() } },
                body: {
                  visitorsReceived,
                  ...(residentsReached !== undefined && residentsReached !== null
                    ? { residentsReached }
                    : {}),
                  ...(summary?.trim() ? { summary: summary.trim() } : {}),
                },
              }),
            )
          }
          onDone={onDone}
        >
          <Form.Item name="visitorsReceived" label={t.visitorsReceived} rules={[{ required: true }]}>
            <InputNumber min={0} precision={0} style={{ width: "100%" }} />
          </Form.Item>
          <Form.Item name="residentsReached" label={t.residentsReached} extra={t.residentsReachedHint}>
            <InputNumber min={0} precision={0} style={{ width: "100%" }} />
          </Form.Item>
          <Form.Item name="summary" label={t.shiftSummary}>
            <Input.TextArea rows={3} maxLength={2000} showCount />
          </Form.Item>
        </ApiForm>
      )}
    </Modal>
  );
}
