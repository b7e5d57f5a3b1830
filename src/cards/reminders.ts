/** The reminder card a chair receives, and the partnership manager's report. */
import { showDate } from '../domain/partialDate.js';
import { DateTime } from 'luxon';
import type { RosterEntry, StoreData } from '../domain/model.js';
import type { PlannedItem } from '../domain/reminderPlan.js';
import { objectivesOf } from '../domain/progress.js';
import { periodLabel } from './progress.js';
import { renderCard } from './render.js';
import type { ReminderCardModel } from './models.js';
import { shortGroupName } from './register.js';
import { managers } from '../domain/people.js';
import { counted } from '../domain/words.js';

/**
 * A button that reaches a person: a Teams chat with the partnership manager (a deep link that opens
 * a one-to-one chat with the message ready to send). Empty when the roster names no manager.
 */
export function managerChat(data: Pick<StoreData, 'roster'>, message: string): { helpTitle: string; helpUrl: string } {
    const m = managers(data)[0];
    if (!m?.email) return { helpTitle: '', helpUrl: '' };
    const url = `https://teams.microsoft.com/l/chat/0/0?users=${encodeURIComponent(m.email)}&message=${encodeURIComponent(message)}`;
    return { helpTitle: `Ask ${m.name.split(' ')[0]}, the partnership manager`, helpUrl: url };
}

export interface ReminderExtras {
    protocols: { title: string; state: string }[];
}

/** "Due Friday 11 December 2026 (in 3 days)", "Due today", "Was due 11 December 2026: 5 days late". */
export function dueLine(due: string, now: Date, zone: string): { text: string; days: number } {
    const today = DateTime.fromJSDate(now, { zone }).startOf('day');
    const d = DateTime.fromISO(due, { zone }).startOf('day');
    const days = Math.round(d.diff(today, 'days').days);
    const date = showDate(d.toISODate()!, { weekday: true });
    if (days > 0) return { text: `Due ${date} (in ${counted(days, 'day')})`, days };
    if (days === 0) return { text: `Due today, ${date}`, days };
    return { text: `Was due ${date}: ${-days} day${days === -1 ? '' : 's'} late`, days };
}

export function createReminderCard(
    data: StoreData,
    recipient: Pick<RosterEntry, 'name'>,
    items: PlannedItem[],
    now: Date,
    zone: string,
    extras?: ReminderExtras,
) {
    const late = items.some((i) => i.steps.some((s) => s.kind === 'chase'));
    const firstName = recipient.name.split(' ')[0];
    const groups: ReminderCardModel['groups'] = items.map((i) => {
        const group = data.groups.find((g) => g.id === i.groupId)!;
        const line = dueLine(i.due, now, zone);
        return {
            groupId: i.groupId,
            groupName: group.name,
            period: i.period,
            periodLabel: periodLabel(i.period),
            dueLine: line.text,
            dueColor: line.days < 0 ? 'Attention' : line.days <= 3 ? 'Warning' : 'Default',
            reportsOn: objectivesOf(data, i.groupId)
                .map((o) => o.ref)
                .join(', '),
            formTitle: `Write ${shortGroupName(data.groups, i.groupId)}’s update`,
        };
    });
    const standIn = items.some((i) => i.as === 'vice_chair');
    return renderCard('reminder', {
        heading: late ? 'A gentle nudge: a progress update is overdue' : 'Your progress update is coming up',
        intro:
            `Hello ${firstName}. ` +
            (late
                ? 'The partnership manager is collating updates for the Board; a few lines per objective is plenty, and you can save a draft and finish later.'
                : 'It takes a few minutes: a few lines per objective, and you can save a draft and finish later.') +
            (standIn ? " You're receiving this as vice-chair because the chair could not be reached." : ''),
        groups,
        protocols: extras?.protocols ?? [],
        ...managerChat(data, 'Hello, I have a question about our progress update.'),
    });
}

export function createManagerReport(
    data: StoreData,
    report: { late: PlannedItem[]; unreachable: { name: string; detail: string }[] },
    now: Date,
    zone: string,
) {
    return renderCard('manager-report', {
        heading:
            report.late.length > 0 ? 'Progress updates still outstanding' : 'Some reminders could not be delivered',
        late: report.late.map((i) => {
            const chair = data.roster.find((e) => e.groupId === i.groupId && e.role === 'chair');
            return {
                groupName: data.groups.find((g) => g.id === i.groupId)?.name ?? i.groupId,
                detail: `${periodLabel(i.period)}, ${dueLine(i.due, now, zone).text.toLowerCase()}; chair: ${chair?.name ?? 'none on the roster'}`,
            };
        }),
        unreachable: report.unreachable,
    });
}
