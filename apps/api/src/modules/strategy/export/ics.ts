import { categoryWords, levelsLine, statusWords } from '@quento/contracts';
import ical, { ICalCalendarMethod, ICalEventStatus, ICalEventTransparency } from 'ical-generator';
import { checkName, verificationWords } from './present.ts';
import type { ExportAction, ExportInput } from './types.ts';

const STATUS: Record<string, ICalEventStatus> = {
  done: ICalEventStatus.CONFIRMED,
  skipped: ICalEventStatus.CANCELLED,
};

/** What an event says about its action, in the words of the other exports. */
function description(a: ExportAction): string {
  const checked = verificationWords(a);
  return [
    a.description ?? '',
    [levelsLine(a), statusWords(a.status), checked].filter(Boolean).join(' · '),
    a.notes?.trim() ? `Notes:\n${a.notes.trim()}` : '',
    a.verification
      ? `Checked by: ${checkName(a.verification.audit_id)}${
          a.verification.pages.length
            ? `\nPages:\n${a.verification.pages.map((p) => `- ${p}`).join('\n')}`
            : ''
        }`
      : '',
  ]
    .filter(Boolean)
    .join('\n\n');
}

/** A calendar date as midnight UTC: all-day values are written from its UTC date. */
const day = (isoDate: string) => new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);

/** One all-day event per action item that has a due date. */
export function toIcs(input: ExportInput, now = new Date()): string {
  const calendar = ical({
    name: input.strategy.title,
    prodId: { company: 'Quento', product: 'Growth plan', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
  });
  for (const a of input.actions) {
    if (!a.due_date) continue;
    calendar.createEvent({
      id: `${a.id}@quento`,
      stamp: now,
      start: day(a.due_date),
      allDay: true,
      summary: a.title,
      description: description(a),
      categories: [{ name: categoryWords(a.category) }],
      status: STATUS[a.status] ?? ICalEventStatus.TENTATIVE,
      transparency: ICalEventTransparency.TRANSPARENT,
    });
  }
  return calendar.toString();
}
