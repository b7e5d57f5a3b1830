import assert from 'node:assert/strict';
import { isAppError } from '../../src/errors.js';
import { findPerson } from '../../src/domain/people.js';
import {
    appendVersion,
    canWriteUpdate,
    emptyUpdate,
    LIMITS,
    objectivesOf,
    parseSubmission,
    updateState,
    type UpdateVersion,
} from '../../src/domain/progress.js';
import { IDS, sampleData } from '../helpers/fixtures.js';

const data = sampleData();
const base = { groupId: 'asset-management', period: '2026-12', basedOn: 0 };
const priya = { email: 'priya.shah@example.com', name: 'Priya Shah', onBehalf: false };
const now = new Date('2026-12-10T18:30:00Z');
const lastTime: UpdateVersion = {
    version: 2,
    kind: 'submitted',
    sections: [{ ref: 'HW9', text: 'Surveyed 400 homes for overheating risk.', rag: 'amber', noChange: false }],
    otherMatters: '',
    concernsGroups: [],
    by: { email: 'priya.shah@example.com', name: 'Priya Shah' },
    onBehalf: false,
    at: '2026-06-10T10:00:00Z',
    digest: 'x',
};

function refused(fn: () => unknown, code: string, message: RegExp) {
    assert.throws(fn, (e: unknown) => isAppError(e, code) && message.test(e.message));
}

describe('progress updates', () => {
    it('a group reports on the objectives it contributes to, with its own contribution', () => {
        assert.deepEqual(
            objectivesOf(data, 'asset-management').map((o) => [o.ref, o.contribution]),
            [['HW9', 'For existing social housing']],
        );
        assert.deepEqual(objectivesOf(data, 'khog'), []);
    });

    it("the chair and vice-chair may write; the manager on their behalf; a member or another group's chair may not", () => {
        const who = (aad?: string, email?: string) => findPerson(data, { aadObjectId: aad, email });
        assert.deepEqual(canWriteUpdate(who(IDS.chairOfTwo), 'asset-management'), { allowed: true, onBehalf: false });
        assert.deepEqual(canWriteUpdate(who(undefined, 'chris.lane@example.com'), 'khog'), {
            allowed: true,
            onBehalf: false,
        });
        assert.deepEqual(canWriteUpdate(who(IDS.manager), 'asset-management'), { allowed: true, onBehalf: true });
        assert.equal(canWriteUpdate(who(IDS.member), 'asset-management').allowed, false);
        assert.equal(canWriteUpdate(who(IDS.chair), 'asset-management').allowed, false);
        assert.equal(canWriteUpdate(undefined, 'asset-management').allowed, false);
    });

    it('parses a submission: text trimmed, RAG kept, other matters and the groups they concern', () => {
        const s = parseSubmission(
            {
                ...base,
                text_HW9: '  Retrofit pilot agreed.\n\nSecond paragraph.  ',
                rag_HW9: 'green',
                otherMatters: 'Joint work with PSH.',
                concerns: 'private-sector-housing,asset-management',
            },
            'submitted',
            data,
            lastTime,
        );
        assert.deepEqual(s.sections, [
            { ref: 'HW9', text: 'Retrofit pilot agreed.\n\nSecond paragraph.', rag: 'green', noChange: false },
        ]);
        assert.equal(s.otherMatters, 'Joint work with PSH.');
        assert.deepEqual(
            s.concernsGroups,
            ['private-sector-housing'],
            'the group itself is not told about its own update',
        );
    });

    it('"no change since last update" carries last period\'s text forward, marked as such', () => {
        const s = parseSubmission(
            { ...base, nochange_HW9: 'true', text_HW9: 'ignored', rag_HW9: 'amber' },
            'submitted',
            data,
            lastTime,
        );
        assert.deepEqual(s.sections[0], {
            ref: 'HW9',
            text: 'Surveyed 400 homes for overheating risk.',
            rag: 'amber',
            noChange: true,
        });
    });

    const bad: [string, unknown, string, RegExp][] = [
        ['not an object', 'text', 'progress.malformed', /could not be read/],
        ['a missing group', { period: '2026-12', basedOn: 0 }, 'progress.malformed', /Nothing was saved/],
        ['a group that does not exist', { ...base, groupId: 'no-such-group' }, 'progress.unknownGroup', /do not know/],
        ['a non-reporting body', { ...base, groupId: 'kcc' }, 'progress.unknownGroup', /do not know/],
        ['a malformed period', { ...base, period: '2026-13' }, 'progress.malformed', /YYYY-MM/],
        [
            "an objective that is not the group's",
            { ...base, text_A8: 'x', text_HW9: 'y' },
            'progress.unknownObjective',
            /A8" is not one of Asset Management's objectives/,
        ],
        [
            'a wrong RAG value',
            { ...base, text_HW9: 'y', rag_HW9: 'purple' },
            'progress.badRag',
            /green, amber, red or not rated/,
        ],
        ['a RAG of the wrong type', { ...base, text_HW9: 'y', rag_HW9: ['green'] }, 'progress.badRag', /green, amber/],
        ['text of the wrong type', { ...base, text_HW9: { $gt: '' } }, 'progress.malformed', /HW9 could not be read/],
        [
            'oversized text',
            { ...base, text_HW9: 'x'.repeat(LIMITS.sectionText + 1) },
            'progress.tooLong',
            /limit is 8000/,
        ],
        [
            'oversized other matters',
            { ...base, text_HW9: 'y', otherMatters: 'x'.repeat(LIMITS.otherMatters + 1) },
            'progress.malformed',
            /limited to 8000/,
        ],
        [
            'an unknown group in "concerns"',
            { ...base, text_HW9: 'y', concerns: 'khog,martians' },
            'progress.unknownGroup',
            /"martians" is not a group/,
        ],
        [
            'a submission with an empty objective',
            { ...base, text_HW9: '   ', otherMatters: 'Joint work with KHOG.' },
            'progress.incomplete',
            /write something for HW9 \(or tick "No change since last update"\)/,
        ],
        [
            'a submission with nothing written at all',
            { ...base, text_HW9: '   ', otherMatters: ' ' },
            'progress.empty',
            /This update is empty.*tick "No change since last update".*Nothing was saved/,
        ],
    ];
    for (const [situation, raw, code, message] of bad) {
        it(`refuses ${situation} with a clear message`, () =>
            refused(() => parseSubmission(raw, 'submitted', data, lastTime), code, message));
    }

    it('a draft may leave objectives empty', () => {
        assert.equal(parseSubmission({ ...base }, 'draft', data, undefined).sections[0].text, '');
    });

    it('ignores __proto__ and constructor keys rather than trusting them', () => {
        const raw = JSON.parse(
            '{"groupId":"asset-management","period":"2026-12","basedOn":0,"text_HW9":"ok","__proto__":{"polluted":true}}',
        );
        const s = parseSubmission(raw, 'submitted', data, undefined);
        assert.equal(s.sections[0].text, 'ok');
        assert.equal(({} as Record<string, unknown>).polluted, undefined);
    });

    describe('versions', () => {
        const draft = () => parseSubmission({ ...base, text_HW9: 'Draft text' }, 'draft', data, undefined);
        it('draft then submit: two versions, nothing overwritten, state follows', () => {
            const doc = emptyUpdate('asset-management/2026-12');
            assert.deepEqual(updateState(doc), { state: 'not_started' });
            appendVersion(doc, draft(), priya, false, now);
            assert.equal(updateState(doc).state, 'draft');
            const submit = parseSubmission(
                { ...base, basedOn: 1, text_HW9: 'Final text' },
                'submitted',
                data,
                undefined,
            );
            appendVersion(doc, submit, priya, false, new Date('2026-12-11T08:00:00Z'));
            assert.deepEqual(
                doc.versions.map((v) => [v.version, v.kind, v.sections[0].text]),
                [
                    [1, 'draft', 'Draft text'],
                    [2, 'submitted', 'Final text'],
                ],
            );
            assert.deepEqual(updateState(doc), {
                state: 'submitted',
                by: 'Priya Shah',
                at: '2026-12-11T08:00:00.000Z',
                version: 2,
                onBehalf: false,
                editing: false,
            });
        });

        it('a repeated click (same card, same content) saves once', () => {
            const doc = emptyUpdate('asset-management/2026-12');
            const first = appendVersion(doc, draft(), priya, false, now);
            const again = appendVersion(doc, draft(), priya, false, now);
            assert.equal(first.appended, true);
            assert.equal(again.appended, false);
            assert.equal(doc.versions.length, 1);
        });

        it('a stale card (an invoke replayed after an edit) is refused and nothing is appended', () => {
            const doc = emptyUpdate('asset-management/2026-12');
            appendVersion(doc, draft(), priya, false, now);
            appendVersion(
                doc,
                parseSubmission({ ...base, basedOn: 1, text_HW9: 'Edited' }, 'draft', data, undefined),
                priya,
                false,
                now,
            );
            refused(
                () =>
                    appendVersion(
                        doc,
                        parseSubmission({ ...base, basedOn: 0, text_HW9: 'Old card' }, 'draft', data, undefined),
                        priya,
                        false,
                        now,
                    ),
                'progress.stale',
                /out of date: version 2 was saved by Priya Shah/,
            );
            assert.equal(doc.versions.length, 2);
        });

        it('a closed period refuses any change', () => {
            const doc = emptyUpdate('asset-management/2026-12');
            refused(() => appendVersion(doc, draft(), priya, true, now), 'progress.closed', /has been closed/);
            assert.equal(doc.versions.length, 0);
        });

        it('the manager writing for a group is recorded as on their behalf', () => {
            const doc = emptyUpdate('asset-management/2026-12');
            appendVersion(
                doc,
                draft(),
                { email: 'morgan.ellis@example.com', name: 'Morgan Ellis', onBehalf: true },
                false,
                now,
            );
            assert.equal(doc.versions[0].onBehalf, true);
        });
    });
});
