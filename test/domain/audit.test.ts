import assert from 'node:assert/strict';
import { diffFields, monthsBetween, selectAudit, type AuditEntry } from '../../src/domain/audit.js';

const entry = (at: string, action: string, id = 'khog', kind = 'group'): AuditEntry => ({
    id: `${at}-x`,
    at,
    by: { name: 'Morgan Ellis', email: 'morgan.ellis@example.com' },
    via: 'teams',
    action,
    subject: { kind, id, name: id },
    summary: action,
    changes: [],
});

describe('audit trail rules', () => {
    it('lists the months a span covers, across a year end', () => {
        assert.deepEqual(monthsBetween(new Date('2026-11-20T00:00:00Z'), new Date('2027-02-01T00:00:00Z')), [
            '2026-11',
            '2026-12',
            '2027-01',
            '2027-02',
        ]);
        assert.deepEqual(monthsBetween(new Date('2026-11-20T00:00:00Z'), new Date('2026-11-21T00:00:00Z')), [
            '2026-11',
        ]);
    });

    it('selects by time span, subject and action prefix, newest first', () => {
        const all = [
            entry('2026-11-23T10:00:00.000Z', 'group.nextUpdateDue'),
            entry('2026-11-30T09:00:00.000Z', 'group.cadenceMonths'),
            entry('2026-11-29T09:00:00.000Z', 'register.import', 'register', 'register'),
            entry('2026-11-20T09:00:00.000Z', 'group.nextUpdateDue', 'asset-management'),
        ];
        const week = selectAudit(all, {
            since: new Date('2026-11-23T00:00:00Z'),
            until: new Date('2026-12-01T00:00:00Z'),
        });
        assert.deepEqual(
            week.map((e) => e.action),
            ['group.cadenceMonths', 'register.import', 'group.nextUpdateDue'],
        );
        const khog = selectAudit(all, { subject: { kind: 'group', id: 'khog' }, actions: ['group.nextUpdateDue'] });
        assert.deepEqual(
            khog.map((e) => e.at),
            ['2026-11-23T10:00:00.000Z'],
        );
        assert.equal(selectAudit(all, { actions: ['group.'] }).length, 3);
    });

    it('diffs two records field by field, leaving out what did not change', () => {
        assert.deepEqual(
            diffFields(
                { name: 'KHOG', cadenceMonths: 3, due: '2026-12-11' },
                { name: 'KHOG', cadenceMonths: 6, extra: true },
            ),
            [
                { field: 'cadenceMonths', before: 3, after: 6 },
                { field: 'due', before: '2026-12-11', after: undefined },
                { field: 'extra', before: undefined, after: true },
            ],
        );
    });
});
