/** The manager's changes to the register: checked on the server, applied, and kept in the history. */
import assert from 'node:assert/strict';
import { isAppError } from '../../src/errors.js';
import type { Protocol } from '../../src/domain/model.js';
import { findPerson } from '../../src/domain/people.js';
import {
    applyRegisterChange,
    canChangeRegister,
    parseRegisterChange,
    type RegisterAction,
} from '../../src/domain/registerChanges.js';
import { IDS, sampleData } from '../helpers/fixtures.js';
import { doc } from '../helpers/protocols.js';

const data = sampleData();
const groups = data.groups;
const TODAY = '2026-11-23';
const AT = '2026-11-23T10:00:00.000Z';

function register(): Protocol[] {
    return [
        doc('krs', {
            title: 'KRS',
            ownerGroups: ['khog'],
            lastReviewed: '2020',
            nextReview: '2021-09',
            reviewCycleMonths: 12,
        }),
        doc('young', { status: 'under_review', reviewLead: 'KHOG and KCC' }),
        doc('old', { status: 'withdrawn', published: '2010' }),
    ];
}

function change(action: RegisterAction, raw: unknown, protocols = register()) {
    const c = parseRegisterChange(action, raw, { protocols, groups, today: TODAY });
    const p = applyRegisterChange(protocols, c, { groups, by: 'morgan.ellis@example.com', at: AT });
    return { protocol: p, protocols };
}

function refused(action: RegisterAction, raw: unknown, pattern: RegExp) {
    const protocols = register();
    const before = JSON.stringify(protocols);
    assert.throws(
        () => parseRegisterChange(action, raw, { protocols, groups, today: TODAY }),
        (err) => isAppError(err) && pattern.test(err.message) && err.message.includes('Nothing was changed'),
    );
    assert.equal(JSON.stringify(protocols), before);
}

describe('changes to the register', () => {
    it('only the partnership manager may change it', () => {
        const person = (aadObjectId: string) => findPerson(data, { aadObjectId });
        assert.equal(canChangeRegister(person(IDS.manager)), true);
        assert.equal(canChangeRegister(person(IDS.chairOfTwo)), false);
        assert.equal(canChangeRegister(person(IDS.member)), false);
        assert.equal(canChangeRegister(undefined), false);
    });

    describe('mark reviewed', () => {
        it("keeps the manager's dated word that it was reviewed as evidence, replacing an earlier such word", () => {
            const protocols = register();
            for (const reviewedOn of ['2026-11-02', '2026-11-16']) {
                const c = parseRegisterChange(
                    'markReviewed',
                    { id: 'krs', reviewedOn },
                    { protocols, groups, today: TODAY },
                );
                applyRegisterChange(protocols, c, {
                    groups,
                    by: 'morgan.ellis@example.com',
                    byName: 'Morgan Ellis',
                    at: AT,
                    today: TODAY,
                });
            }
            const reviewed = protocols[0].evidence.filter((e) => e.kind === 'reviewed');
            assert.equal(reviewed.length, 1);
            assert.equal(reviewed[0].statedDate, '2026-11-16');
            assert.equal(reviewed[0].who, 'Morgan Ellis (partnership manager)');
            assert.deepEqual(reviewed[0].recorded, { at: TODAY, source: 'manager', by: 'morgan.ellis@example.com' });
        });

        it('records the review date, clears the old stated next review so the cycle applies, and keeps who and when', () => {
            const { protocol } = change('markReviewed', {
                id: 'krs',
                reviewedOn: '2026-11-16',
                nextReview: '',
                cycleMonths: '',
                note: 'Reviewed at KHOG',
            });
            assert.equal(protocol.lastReviewed, '2026-11-16');
            assert.equal(protocol.nextReview, undefined);
            assert.equal(protocol.reviewCycleMonths, 12);
            assert.deepEqual(protocol.history.at(-1), {
                at: AT,
                by: 'morgan.ellis@example.com',
                kind: 'reviewed',
                note: 'Reviewed at KHOG',
                changes: {
                    lastReviewed: { from: '2020', to: '2026-11-16' },
                    nextReview: { from: '2021-09', to: null },
                },
            });
        });

        it('takes a new next review date or a new cycle', () => {
            assert.equal(
                change('markReviewed', { id: 'krs', reviewedOn: '2026-11-16', nextReview: '2027-09' }).protocol
                    .nextReview,
                '2027-09',
            );
            assert.equal(
                change('markReviewed', { id: 'krs', reviewedOn: '2026-11-16', cycleMonths: '24' }).protocol
                    .reviewCycleMonths,
                24,
            );
        });

        it('ends a review under way: the document is current again and has no review lead', () => {
            const { protocol } = change('markReviewed', { id: 'young', reviewedOn: '2026-11-01' });
            assert.equal(protocol.status, 'current');
            assert.equal(protocol.reviewLead, undefined);
            assert.deepEqual(protocol.history.at(-1)!.changes!.status, { from: 'under_review', to: 'current' });
        });

        it('refuses a date in the future, a date that does not exist, a next review before the review, and a bad cycle', () => {
            refused('markReviewed', { id: 'krs', reviewedOn: '2026-11-24' }, /in the future/);
            refused('markReviewed', { id: 'krs', reviewedOn: '2026-02-30' }, /not a real date/);
            refused('markReviewed', { id: 'krs', reviewedOn: 'yesterday' }, /must be a date/);
            refused('markReviewed', { id: 'krs' }, /give the date of the review/);
            refused(
                'markReviewed',
                { id: 'krs', reviewedOn: '2026-11-16', nextReview: '2026-10' },
                /must come after the review date/,
            );
            refused(
                'markReviewed',
                { id: 'krs', reviewedOn: '2026-11-16', nextReview: 'soon' },
                /next review "soon" must be a date/,
            );
            refused('markReviewed', { id: 'krs', reviewedOn: '2026-11-16', cycleMonths: '0' }, /at least 1 month/);
            refused('markReviewed', { id: 'krs', reviewedOn: '2026-11-16', cycleMonths: '1.5' }, /whole number/);
            refused('markReviewed', { id: 'old', reviewedOn: '2026-11-16' }, /withdrawn/);
        });
    });

    describe('start a review', () => {
        it('puts the document under review, led by the chosen group (with partners), with the note', () => {
            const { protocol } = change('startReview', {
                id: 'krs',
                lead: 'khog',
                leadDetail: 'KCC',
                note: 'Agreed at KHOG in November',
            });
            assert.equal(protocol.status, 'under_review');
            assert.equal(protocol.reviewLead, 'Kent Housing Options Group with KCC');
            assert.equal(protocol.statusNote, 'Agreed at KHOG in November');
            assert.equal(protocol.history.at(-1)!.kind, 'review_started');
        });

        it('refuses a lead that is not a known group, or no lead', () => {
            refused('startReview', { id: 'krs', lead: 'the-moon' }, /choose the group that leads the review/);
            refused('startReview', { id: 'krs' }, /choose the group that leads the review/);
        });
    });

    describe('set state', () => {
        it('changes the state and, leaving a review, drops its lead', () => {
            const { protocol } = change('setStatus', { id: 'young', status: 'withdrawn', note: 'No longer needed' });
            assert.equal(protocol.status, 'withdrawn');
            assert.equal(protocol.reviewLead, undefined);
            assert.equal(protocol.statusNote, 'No longer needed');
            assert.deepEqual(protocol.history.at(-1)!.changes!.status, { from: 'under_review', to: 'withdrawn' });
        });

        it('refuses an unknown state, the same state with nothing to add, and "under review" with no lead', () => {
            refused(
                'setStatus',
                { id: 'krs', status: 'lost' },
                /the state must be one of current, under_review, draft, withdrawn/,
            );
            refused('setStatus', { id: 'krs', status: 'current' }, /already current/);
            refused('setStatus', { id: 'krs', status: 'under_review' }, /Start a review/);
        });
    });

    describe('add a note', () => {
        it('adds the note to the history and changes nothing else', () => {
            const before = register()[0];
            const { protocol } = change('addNote', { id: 'krs', note: 'KHOG to discuss in January' });
            assert.deepEqual({ ...protocol, history: [] }, { ...before, history: [] });
            assert.deepEqual(protocol.history.at(-1), {
                at: AT,
                by: 'morgan.ellis@example.com',
                kind: 'note',
                note: 'KHOG to discuss in January',
            });
        });

        it('refuses an empty or overlong note', () => {
            refused('addNote', { id: 'krs', note: '   ' }, /write the note first/);
            refused('addNote', { id: 'krs', note: 'x'.repeat(4001) }, /too long/);
        });
    });

    it('refuses a change to a document that is not in the register, or a card that names none', () => {
        assert.throws(
            () =>
                parseRegisterChange(
                    'addNote',
                    { id: 'nope', note: 'x' },
                    { protocols: register(), groups, today: TODAY },
                ),
            (e) => isAppError(e, 'register.notFound'),
        );
        refused('addNote', { note: 'x' }, /does not say which document/);
        refused('addNote', { id: { $ne: 1 }, note: 'x' }, /does not say which document/);
        refused('addNote', { id: 'krs', note: ['x'] }, /the note must be text/);
    });
});
