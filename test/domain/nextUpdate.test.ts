import assert from 'node:assert/strict';
import { groupUpdateStatus, lateGroups, reportingGroupsOf } from '../../src/domain/nextUpdate.js';
import { findPerson } from '../../src/domain/people.js';
import type { UpdateDoc, UpdateVersion } from '../../src/domain/progress.js';
import { sampleData } from '../helpers/fixtures.js';

const ZONE = 'Europe/London';

function version(kind: 'draft' | 'submitted', by: string, at: string, text = 'Something done.'): UpdateVersion {
    return {
        version: 1,
        kind,
        sections: [{ ref: 'HW9', text, rag: 'green', noChange: false }],
        otherMatters: '',
        concernsGroups: [],
        by: { email: `${by}@example.com`, name: by },
        onBehalf: false,
        at,
        digest: 'x',
    };
}
const doc = (groupId: string, period: string, ...versions: UpdateVersion[]): UpdateDoc => ({
    groupId,
    period,
    versions: versions.map((v, i) => ({ ...v, version: i + 1 })),
});

describe("a group's update status", () => {
    const data = sampleData();
    const am = data.groups.find((g) => g.id === 'asset-management')!; // six-monthly, due 2026-12-18

    it("is the period today falls in, with the group's objectives and own contribution, not started", () => {
        const s = groupUpdateStatus(data, am, [], new Date('2026-12-10T12:00:00Z'), ZONE)!;
        assert.deepEqual(
            [s.current.period, s.following.period, s.state.state, s.lastTime],
            ['2026-12', '2027-06', 'not_started', undefined],
        );
        assert.deepEqual(
            s.objectives.map((o) => [o.ref, o.contribution]),
            [['HW9', 'For existing social housing']],
        );
    });

    it('takes last time from the latest earlier period with a submission, skipping a period with only a draft', () => {
        const updates = [
            doc('asset-management', '2026-06', version('submitted', 'Priya', '2026-06-10T10:00:00Z', 'June text')),
            doc('asset-management', '2026-09', version('draft', 'Priya', '2026-09-10T10:00:00Z', 'never sent')),
            doc('asset-management', '2026-12', version('draft', 'Sam', '2026-12-01T10:00:00Z')),
            doc('khog', '2026-09', version('submitted', 'Chris', '2026-09-01T10:00:00Z', 'another group')),
        ];
        const s = groupUpdateStatus(data, am, updates, new Date('2026-12-10T12:00:00Z'), ZONE)!;
        assert.equal(s.lastTime?.period, '2026-06');
        assert.equal(s.lastTime?.version.sections[0].text, 'June text');
        assert.deepEqual([s.state.state, s.state.state === 'draft' && s.state.by], ['draft', 'Sam']);
    });

    it('a period the manager closed is not owed, and the group moves on', () => {
        const closed = {
            ...data,
            closedPeriods: [
                { period: '2026-12', closedAt: '2027-01-02T10:00:00Z', closedBy: 'morgan.ellis@example.com' },
            ],
        };
        const s = groupUpdateStatus(closed, am, [], new Date('2027-01-05T12:00:00Z'), ZONE)!;
        assert.equal(s.current.period, '2027-06');
        assert.equal(s.current.late, false);
    });

    it('is undefined for a partner body that sends no updates', () => {
        assert.equal(
            groupUpdateStatus(
                data,
                data.groups.find((g) => g.id === 'kcc')!,
                [],
                new Date(),
                ZONE,
            ),
            undefined,
        );
    });

    it("a person's reporting groups: both of a chair of two, none for the manager", () => {
        assert.deepEqual(
            reportingGroupsOf(data.groups, findPerson(data, { email: 'priya.shah@example.com' })!).map((g) => g.id),
            ['asset-management', 'khog'],
        );
        assert.deepEqual(reportingGroupsOf(data.groups, findPerson(data, { email: 'morgan.ellis@example.com' })!), []);
    });

    it('late groups come most late first, with chair and vice-chair, and a submitted group is not among them', () => {
        const updates = [doc('asset-management', '2026-12', version('submitted', 'Priya', '2026-12-19T10:00:00Z'))];
        const late = lateGroups(
            data,
            (id) => updates.filter((u) => u.groupId === id),
            new Date('2027-01-20T12:00:00Z'),
            ZONE,
        );
        assert.deepEqual(
            late.map((l) => [l.status.group.id, l.status.current.daysUntilDue, l.chairs.map((c) => c.name)]),
            [
                ['khog', -40, ['Priya Shah', 'Chris Lane']],
                ['private-sector-housing', -5, ['Tom Reed']],
            ],
        );
    });
});
