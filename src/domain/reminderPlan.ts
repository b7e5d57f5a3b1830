/**
 * A reminder run's plan: for every reporting group whose current update is not submitted, the
 * reminder steps whose time has come, addressed to the group's chair (or the partnership manager for
 * an escalation), and grouped so that each person gets one message per run covering all their groups.
 * Pure: what was already sent is filtered out later, against the delivery ledger.
 */
import type { Group, RosterEntry, StoreData } from './model.js';
import { paperDeadlineSteps, stepsDue, stepsFor, type ReminderPolicy, type Step } from './reminders.js';

/** The period a group is reporting for now: the schedule's answer. */
export interface OpenPeriod {
    period: string;
    /** Due date, YYYY-MM-DD. */
    due: string;
    submitted: boolean;
}

export interface Snooze {
    groupId: string;
    period: string;
    /** No reminders for this group and period before this instant. */
    until: string;
}

export interface PlannedItem {
    groupId: string;
    period: string;
    due: string;
    /** Every step that has come and is covered by this message (a catch-up may cover several). */
    steps: Step[];
    as: 'chair' | 'vice_chair' | 'manager';
}

export interface PlannedMessage {
    /** The recipient's roster line (for the name, e-mail and Entra id). */
    recipient: Pick<RosterEntry, 'name' | 'email' | 'aadObjectId'>;
    items: PlannedItem[];
}

const lower = (s: string) => s.toLowerCase();

/** The roster line of the group's chair, or its vice-chair when it has no chair. */
export function chairOf(
    data: Pick<StoreData, 'roster'>,
    groupId: string,
    role: 'chair' | 'vice_chair' = 'chair',
): RosterEntry | undefined {
    return data.roster.find((e) => e.groupId === groupId && e.role === role);
}

/**
 * Plans a run at `now`. `openPeriod` is the schedule's view of each group; `snoozes` are the chairs'
 * "snooze" and "later" choices. `paperDeadline`, when the Board's next meeting is recorded, is its paper
 * deadline: an update due by then and still missing also gets the steps planned back from it. Groups
 * with nothing due produce nothing.
 */
export function planRun(
    data: Pick<StoreData, 'groups' | 'roster'>,
    openPeriod: (group: Group) => OpenPeriod | undefined,
    snoozes: Snooze[],
    policy: ReminderPolicy,
    now: Date,
    paperDeadline?: string,
): PlannedMessage[] {
    const byRecipient = new Map<string, PlannedMessage>();
    const add = (recipient: RosterEntry, item: PlannedItem) => {
        const key = lower(recipient.email);
        let m = byRecipient.get(key);
        if (!m)
            byRecipient.set(
                key,
                (m = {
                    recipient: { name: recipient.name, email: recipient.email, aadObjectId: recipient.aadObjectId },
                    items: [],
                }),
            );
        m.items.push(item);
    };
    const managers = data.roster.filter((e) => e.role === 'manager');
    for (const group of data.groups) {
        if (!group.reports || !group.nextUpdateDue) continue;
        const open = openPeriod(group);
        if (!open || open.submitted) continue;
        const snoozed = snoozes.some(
            (s) => s.groupId === group.id && s.period === open.period && Date.parse(s.until) > now.getTime(),
        );
        const paper =
            paperDeadline && open.due <= paperDeadline ? paperDeadlineSteps(paperDeadline, open.due, policy) : [];
        const due = stepsDue([...stepsFor(open.due, policy), ...paper], now);
        const toChair = snoozed ? [] : due.filter((s) => s.kind !== 'escalation');
        const escalation = due.filter((s) => s.kind === 'escalation');
        if (toChair.length > 0) {
            const chair = chairOf(data, group.id) ?? chairOf(data, group.id, 'vice_chair');
            if (chair)
                add(chair, {
                    groupId: group.id,
                    period: open.period,
                    due: open.due,
                    steps: toChair,
                    as: chair.role === 'chair' ? 'chair' : 'vice_chair',
                });
        }
        // The manager is told once a group has run out of chases, snoozed or not.
        for (const m of escalation.length > 0 ? managers : []) {
            add(m, { groupId: group.id, period: open.period, due: open.due, steps: escalation, as: 'manager' });
        }
    }
    return [...byRecipient.values()];
}
