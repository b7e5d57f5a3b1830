/** "Who did the last reminders reach?": the latest run's outcomes, from the delivery ledger. */
import { showDate } from '../domain/partialDate.js';
import { DeliveryLedger, type DeliveryRecord } from '../notify/ledger.js';
import type { Store } from '../store/store.js';
import { outcomeText } from './reminders.js';
import { renderCard } from '../cards/render.js';

/** The card lists this many people at most; the rest are counted. */
export const MAX_ROWS = 40;

export async function lastRunRecords(store: Store): Promise<DeliveryRecord[]> {
    const records = (await new DeliveryLedger(store).records()).filter(
        (r) => r.period !== 'report' && r.groupId !== 'register',
    );
    if (records.length === 0) return [];
    const latest = records.reduce((a, b) => (a.claimedAt >= b.claimedAt ? a : b));
    return records.filter((r) => r.runId === latest.runId);
}

export async function createReminderOutcomesCard(store: Store, zone: string) {
    const records = await lastRunRecords(store);
    const data = store.read();
    const name = (email: string) => data.roster.find((e) => e.email.toLowerCase() === email)?.name ?? email;
    const group = (id: string) => data.groups.find((g) => g.id === id)?.name ?? id;
    if (records.length === 0) {
        return renderCard('reminder-outcomes', {
            heading: 'No reminders have been sent yet',
            summary: 'Reminders go to chairs before their update is due.',
            rows: [],
            more: 0,
        });
    }
    const byPerson = new Map<string, DeliveryRecord[]>();
    for (const r of records) byPerson.set(r.recipient, [...(byPerson.get(r.recipient) ?? []), r]);
    const reached = [...byPerson.values()].filter((rs) =>
        rs.every((r) => r.outcome === 'sent' || r.outcome === 'throttled then sent'),
    ).length;
    const rows = [...byPerson.entries()]
        // people not reached first: they are what the manager needs to act on
        .sort(
            ([, a], [, b]) =>
                Number(a[0].outcome === 'sent' || a[0].outcome === 'throttled then sent') -
                Number(b[0].outcome === 'sent' || b[0].outcome === 'throttled then sent'),
        )
        .map(([email, rs]) => ({
            name: name(email),
            detail: `${rs[0].outcome ? outcomeText(rs[0].outcome) : 'sending'}: ${[...new Set(rs.map((r) => group(r.groupId)))].join(', ')}${rs[0].outcome && rs[0].outcome !== 'sent' && rs[0].outcome !== 'throttled then sent' && rs[0].outcome !== 'notInstalled' && rs[0].reason ? ` (${rs[0].reason})` : ''}`,
        }));
    const when = showDate(records[0].claimedAt, { zone, weekday: true, time: true });
    return renderCard('reminder-outcomes', {
        heading: `The last reminders, ${when}`,
        summary: `${reached} of ${byPerson.size} ${byPerson.size === 1 ? 'person was' : 'people were'} reached.`,
        rows: rows.slice(0, MAX_ROWS),
        more: Math.max(0, rows.length - MAX_ROWS),
    });
}
