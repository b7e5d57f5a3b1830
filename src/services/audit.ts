/**
 * The audit trail in the store: one document per month in the `audit` collection, appended to by every
 * action that changes the partnership's data on someone's behalf, read back by time or by subject.
 * An entry is written after the change it records is stored; a crash between the two writes can lose
 * the entry but never the change.
 */
import { randomUUID } from 'node:crypto';
import {
    auditMonth,
    auditMonthSchema,
    monthsBetween,
    selectAudit,
    type AuditEntry,
    type AuditQuery,
    type NewAuditEntry,
} from '../domain/audit.js';
import type { Store } from '../store/store.js';

/** The first month the trail can hold; a query with no start reads from here. */
const FIRST_MONTH = new Date('2020-01-01T00:00:00Z');

export class AuditTrail {
    constructor(private readonly store: Store) {}

    private get months() {
        return this.store.collection('audit', auditMonthSchema, () => ({ entries: [] }));
    }

    /** Appends an entry at `now`; returns it with its id. */
    async record(entry: NewAuditEntry, now: Date): Promise<AuditEntry> {
        const stored: AuditEntry = {
            ...entry,
            changes: entry.changes ?? [],
            id: `${now.toISOString()}-${randomUUID().slice(0, 8)}`,
            at: now.toISOString(),
        };
        await this.months.transact(auditMonth(now), (doc) => {
            doc.entries.push(stored);
        });
        return stored;
    }

    /** Entries matching the query, newest first. Reads only the months the query spans. */
    async find(q: AuditQuery, now: Date): Promise<AuditEntry[]> {
        const from = q.since ?? FIRST_MONTH;
        const to = q.until ?? now;
        const keys = new Set(await this.months.keys());
        const entries: AuditEntry[] = [];
        for (const month of monthsBetween(from, to)) {
            if (!keys.has(month)) continue;
            const doc = await this.months.get(month);
            if (doc) entries.push(...doc.entries);
        }
        return selectAudit(entries, q);
    }

    /** One entry by id, or undefined. */
    async get(id: string): Promise<AuditEntry | undefined> {
        const at = new Date(id.slice(0, 24));
        if (Number.isNaN(at.getTime())) return undefined;
        const doc = await this.months.get(auditMonth(at));
        return doc?.entries.find((e) => e.id === id);
    }
}
