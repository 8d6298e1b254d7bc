/**
 * 值班提醒 and 未到岗: run once a day (schedule `dutyRoster`). Each member on duty tomorrow is
 * reminded (once per shift); each shift of yesterday or before still unrecorded becomes a no-show,
 * and the station is told — its lead member, its own contact, its group chat — in the same write
 * as the status, so once per shift however often the run repeats.
 */

import { StaleWriteError } from "../domain/errors";
import { chatRecipientId } from "../domain/notices/chat-webhook";
import { rosterDue } from "../domain/quota/duty";
import { localDate, shiftDate } from "../domain/topics/calendar";
import { clock } from "../kernel/clock";
import { config } from "../kernel/config";
import { logError } from "../kernel/log";
import {
  type Channel,
  channelFor,
  memberAddressee,
  type Notifier,
  type Recipient,
} from "../notices/notifier";
import { defaultNotifier } from "../notices/recording-notifier";
import { dutyNoShow, dutyReminder } from "../notices/templates/duty-notices";
import type { Station } from "../registry/responses";
import { findMember } from "../registry/store/members";
import { getStation } from "../registry/store/stations";
import type { DutyShift } from "./duty-responses";
import { plannedShiftsBefore, saveShift } from "./store/duty-shifts";

export interface ActivityServices {
  readonly notifier: Notifier;
  readonly now: () => Date;
}

export const defaultActivityServices = (): ActivityServices => ({
  notifier: defaultNotifier(),
  now: () => clock().now(),
});

interface Addressee {
  readonly recipient: Recipient;
  readonly channel: Channel;
}

export interface DutyRosterOutcome {
  /** Members reminded now of tomorrow's shift (a reminder sent before is not sent again). */
  readonly reminded: number;
  /** Shifts marked as no-shows now, their station told. */
  readonly noShows: number;
}

async function remind(services: ActivityServices, shift: DutyShift, station: Station): Promise<boolean> {
  const member = await findMember(shift.memberId);
  if (!member) return false;
  const addressee = memberAddressee(member);
  const { sent } = await services.notifier.send({
    ...addressee,
    template: dutyReminder,
    idempotencyKey: `duty-reminder:${shift.id}`,
    variables: {
      recipientName: member.name,
      stationName: station.name,
      date: shift.date,
      note: shift.note ?? "",
    },
  });
  return sent;
}

/** Who is told of a no-show: the lead member, the station's own contact, the station's group chat. */
async function stationAddressees(station: Station): Promise<Addressee[]> {
  const lead = station.leadMemberId ? await findMember(station.leadMemberId) : undefined;
  const told: Addressee[] = lead ? [memberAddressee(lead)] : [];
  if (station.contact) {
    const { name, phone, email } = station.contact;
    const recipient: Recipient = {
      id: `station-contact:${station.id}`,
      name,
      phone,
      ...(email ? { email } : {}),
    };
    told.push({ recipient, channel: channelFor(recipient) });
  }
  if (station.chatRobot)
    told.push({
      recipient: { id: chatRecipientId(station.id), name: `${station.name} 工作群` },
      channel: "chat",
    });
  return told;
}

async function markNoShow(services: ActivityServices, shift: DutyShift, station: Station): Promise<boolean> {
  const memberName = (await findMember(shift.memberId))?.name ?? "";
  const notices = (await stationAddressees(station)).map((addressee) =>
    services.notifier.prepare({
      ...addressee,
      template: dutyNoShow,
      idempotencyKey: `duty-no-show:${shift.id}:${addressee.recipient.id}`,
      variables: {
        recipientName: addressee.recipient.name,
        memberName,
        stationName: station.name,
        date: shift.date,
      },
    }),
  );
  const at = services.now().toISOString();
  try {
    await saveShift(
      shift,
      { ...shift, status: "no_show", noShowAt: at, updatedAt: at },
      notices.flatMap((n) => n.writes),
    );
  } catch (error) {
    // Recorded, cancelled or marked meanwhile: nothing more to do.
    if (error instanceof StaleWriteError) return false;
    throw error;
  }
  for (const notice of notices) await notice.committed();
  return true;
}

export async function runDutyRoster(services: ActivityServices): Promise<DutyRosterOutcome> {
  const today = localDate(services.now(), config().timeZone);
  const tomorrow = shiftDate(today, 1);
  // Missed shifts and tomorrow's: nothing planned after tomorrow is read.
  const due = rosterDue(await plannedShiftsBefore(shiftDate(tomorrow, 1)), today, tomorrow);
  const stations = new Map<string, Promise<Station>>();
  const stationOf = (shift: DutyShift) => {
    const known = stations.get(shift.stationId) ?? getStation(shift.stationId);
    stations.set(shift.stationId, known);
    return known;
  };
  let reminded = 0;
  let noShows = 0;
  for (const shift of due.remind) {
    try {
      if (await remind(services, shift, await stationOf(shift))) reminded++;
    } catch (error) {
      logError("a duty reminder could not be sent", { shiftId: shift.id }, error);
    }
  }
  for (const shift of due.noShows) {
    try {
      if (await markNoShow(services, shift, await stationOf(shift))) noShows++;
    } catch (error) {
      logError("a missed duty shift could not be marked", { shiftId: shift.id }, error);
    }
  }
  return { reminded, noShows };
}
