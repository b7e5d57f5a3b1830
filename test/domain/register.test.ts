/** The register's rules: positions on the evidence, the due list, the ranking and each group's load. */
import assert from 'node:assert/strict';
import type { AsAt, Evidence, Protocol } from '../../src/domain/model.js';
import {
    asAtSuffix,
    assessProtocol,
    describePosition,
    dueReport,
    groupLoads,
    isStale,
    reviewFirst,
    type Position,
    type RegisterOptions,
} from '../../src/domain/register.js';
import { sampleData } from '../helpers/fixtures.js';
import { doc } from '../helpers/protocols.js';

const TODAY = '2026-11-30';
const NOW = new Date('2026-11-30T10:00:00Z');
const WINDOW_END = '2027-02-28';
const OPTIONS: RegisterOptions = { zone: 'Europe/London', dueSoonDays: 90, confirmedMonths: 12 };
const PAPER: AsAt = { at: '2022', source: 'paper', by: 'the paper' };
const groups = sampleData().groups;

const ev = (kind: Evidence['kind'], extra: Partial<Evidence> = {}): Evidence => ({
    kind,
    who: extra.who ?? 'someone',
    text: extra.text ?? 'words',
    recorded: extra.recorded ?? PAPER,
    ...extra,
});

describe('the register on the evidence', () => {
    describe('where a document stands', () => {
        const cases: { situation: string; protocol: Protocol; policy?: number; position: Position; says: RegExp }[] = [
            {
                situation: 'a stated review date that has passed',
                protocol: doc('krs', { lastReviewed: '2020', nextReview: '2021-09', reviewCycleMonths: 12 }),
                position: 'date_passed',
                says: /^Its stated review date, Sept 2021, has passed$/,
            },
            {
                situation: 'a stated review date within the window',
                protocol: doc('soon', { nextReview: '2027-01' }),
                position: 'date_coming',
                says: /^Its stated review date is Jan 2027$/,
            },
            {
                situation: 'a stated review date later than the window',
                protocol: doc('later', { nextReview: '2028' }),
                position: 'not_due',
                says: /^Its stated review date is 2028$/,
            },
            {
                situation: 'flagged as due by the website, with no date',
                protocol: doc('flagged', {
                    published: '2020',
                    evidence: [ev('flagged_due', { who: 'the KHG website', text: 'due for review now' })],
                }),
                position: 'flagged_due',
                says: /^Flagged as due for review by the KHG website: "due for review now"$/,
            },
            {
                situation: "the owner's own word",
                protocol: doc('owner', { evidence: [ev('owner_says_due', { who: 'KEEP' })] }),
                position: 'owner_says_due',
                says: /^The owner's own word \(KEEP\)/,
            },
            {
                situation: 'a judgement, and whose',
                protocol: doc('judged', { evidence: [ev('probably_due', { who: 'the partnership manager' })] }),
                position: 'probably_due',
                says: /^A judgement by the partnership manager/,
            },
            {
                situation: 'advice sought on whether it needs review, no answer yet',
                protocol: doc('advice', {
                    published: '2012',
                    evidence: [ev('advice_sought', { who: 'the HHSC', advice: 'awaiting' })],
                }),
                position: 'advice_sought',
                says: /^Advice sought from the HHSC on whether it needs review; no answer recorded$/,
            },
            {
                situation: 'the owning group deciding whether it is still needed',
                protocol: doc('deciding', {
                    lastReviewed: '2021-02',
                    evidence: [ev('deciding_if_needed', { who: 'Tenancy Management' })],
                }),
                position: 'removal_candidate',
                says: /^Tenancy Management is deciding whether it is still needed/,
            },
            {
                situation: 'a review under way, which wins over any evidence of being due',
                protocol: doc('reviewing', {
                    status: 'under_review',
                    reviewLead: 'KHOG',
                    evidence: [ev('flagged_due', { who: 'KMPT' })],
                }),
                position: 'under_review',
                says: /^Review under way, led by KHOG$/,
            },
            {
                situation: 'a draft',
                protocol: doc('draft', { status: 'draft' }),
                position: 'inactive',
                says: /^Being drafted/,
            },
            {
                situation: 'a publication year and nothing else, with no policy set',
                protocol: doc('old', { published: '2013' }),
                position: 'nothing_recorded',
                says: /^Nothing recorded about whether it needs review$/,
            },
            {
                situation: 'a publication year under a 36-month policy the manager set',
                protocol: doc('old', { published: '2013' }),
                policy: 36,
                position: 'date_passed',
                says: /^Due by 2016 \(published 2013, the partnership's review cycle of 36 months\): that has passed$/,
            },
            {
                situation: 'flagged as due in 2022, then marked reviewed in 2026 (the flag is superseded)',
                protocol: doc('done', {
                    lastReviewed: '2026-06-01',
                    evidence: [ev('flagged_due', { who: 'the KHG website' })],
                }),
                position: 'nothing_recorded',
                says: /^Nothing recorded/,
            },
            {
                situation:
                    "flagged as due in 2022, then marked reviewed today on the manager's word, with no cycle anywhere",
                protocol: doc('pre-eviction', {
                    lastReviewed: '2026-11-30',
                    evidence: [
                        ev('flagged_due', { who: 'the KHG website' }),
                        ev('reviewed', {
                            who: 'Morgan Ellis (partnership manager)',
                            statedDate: '2026-11-30',
                            recorded: { at: '2026-11-30', source: 'manager', by: 'morgan.ellis@example.com' },
                        }),
                    ],
                }),
                position: 'reviewed',
                says: /^Reviewed on 30 Nov(ember)? 2026: current\. No review cycle on record .*next review falls is unknown$/,
            },
            {
                situation: "marked reviewed today on the manager's word, with the partnership's 24-month policy",
                protocol: doc('pre-eviction', {
                    lastReviewed: '2026-11-30',
                    evidence: [
                        ev('reviewed', {
                            statedDate: '2026-11-30',
                            recorded: { at: '2026-11-30', source: 'manager', by: 'morgan.ellis@example.com' },
                        }),
                    ],
                }),
                policy: 24,
                position: 'not_due',
                says: /^Comes due 30 Nov(ember)? 2028 \(last reviewed 30 Nov(ember)? 2026, the partnership's review cycle of 24 months\)$/,
            },
        ];
        for (const c of cases) {
            it(`${c.situation}: ${c.position}`, () => {
                const s = assessProtocol(c.protocol, TODAY, WINDOW_END, c.policy);
                assert.equal(s.position, c.position);
                assert.match(describePosition(s, TODAY), c.says);
            });
        }

        it('never words a position as "overdue by" a span of years', () => {
            for (const c of cases) {
                const s = assessProtocol(c.protocol, TODAY, WINDOW_END, c.policy);
                assert.doesNotMatch(describePosition(s, TODAY), /overdue (by|for) \d/i);
            }
        });
    });

    describe('as at', () => {
        const cases: { at: string; months: number; stale: boolean; suffix: string }[] = [
            { at: '2022', months: 12, stale: true, suffix: 'not confirmed since 2022' },
            { at: '2026-11-03', months: 12, stale: false, suffix: 'as at 3 Nov 2026' },
            { at: '2025-10', months: 12, stale: true, suffix: 'not confirmed since Oct 2025' },
            { at: '2025-12', months: 12, stale: false, suffix: 'as at Dec 2025' },
            { at: '2022', months: 60, stale: false, suffix: 'as at 2022' },
        ];
        for (const c of cases)
            it(`a fact recorded ${c.at}, with an age of ${c.months} months, reads "${c.suffix}"`, () => {
                assert.equal(isStale(c.at, TODAY, c.months), c.stale);
                assert.equal(asAtSuffix({ ...PAPER, at: c.at }, TODAY, c.months), c.suffix);
            });
    });

    describe('what to review first', () => {
        const register: Protocol[] = [
            doc('judged-old', { title: 'Judged old', published: '2017', evidence: [ev('probably_due')] }),
            doc('judged-older', { title: 'Judged older', published: '2012', evidence: [ev('probably_due')] }),
            doc('flagged', {
                title: 'Flagged',
                published: '2020',
                ownerGroups: ['khog'],
                evidence: [ev('flagged_due')],
            }),
            doc('owner', { title: 'Owner says', published: '2016', evidence: [ev('owner_says_due')] }),
            doc('stated', { title: 'Stated date', ownerGroups: ['khog'], nextReview: '2021-09' }),
            doc('key', {
                title: 'Key document',
                published: '2016',
                key: true,
                keyNote: 'frames joint working',
                ownerGroups: ['asset-management'],
            }),
            doc('deciding', { title: 'Deciding', ownerGroups: ['khog'], evidence: [ev('deciding_if_needed')] }),
            doc('under', { title: 'Under way', status: 'under_review', reviewers: ['khog'], reviewLead: 'KHOG' }),
            doc('draft', { title: 'Draft', status: 'draft', ownerGroups: ['khog'] }),
            doc('advice', { title: 'Advice', evidence: [ev('advice_sought', { advice: 'awaiting' })] }),
            doc('coming', { title: 'Coming up', nextReview: '2027-01' }),
        ];
        const report = dueReport(register, NOW, OPTIONS);
        const first = reviewFirst(report, 10, groups, register);

        it('orders a stated date passed, then flagged, then the owner, then judgements (oldest first), then a date coming', () => {
            assert.deepEqual(
                first.picks.map((p) => p.standing.protocol.id),
                ['stated', 'flagged', 'owner', 'judged-older', 'judged-old', 'coming'],
            );
        });

        it('gives as reasons only the tier and the evidence (and the age that ordered it within the tier)', () => {
            const [stated, , , older] = first.picks;
            assert.deepEqual(stated.reasons, [
                '1st on the evidence: a review date on record has passed',
                'Its stated review date, Sept 2021, has passed',
            ]);
            assert.deepEqual(older.reasons.slice(0, 1), ['4th on the evidence: a judgement that it is probably due']);
            assert.equal(older.reasons[2], 'Then the oldest first: published 2012');
        });

        it('keeps removal candidates apart and leaves a key document with no evidence unranked', () => {
            assert.deepEqual(
                first.removalCandidates.map((s) => s.protocol.id),
                ['deciding'],
            );
            assert.ok(!first.picks.some((p) => p.standing.protocol.id === 'key'));
            assert.equal(first.underWay, 1);
            assert.equal(first.awaitingAdvice, 1);
            assert.equal(first.nothingRecorded, 1);
        });

        it('shows "key" as importance beside a pick, never as a reason', () => {
            const withKey = [
                doc('k', {
                    title: 'K',
                    published: '2016',
                    key: true,
                    keyNote: 'frames joint working',
                    evidence: [ev('flagged_due')],
                }),
            ];
            const r = reviewFirst(dueReport(withKey, NOW, OPTIONS), 3, groups, withKey);
            assert.equal(
                r.picks[0].importance,
                'Marked as a key document (importance, not urgency): frames joint working',
            );
            assert.ok(r.picks[0].reasons.every((x) => !/key/i.test(x)));
        });

        it("counts each group's load: reviews under way, drafts, items due and decisions, heaviest first", () => {
            const loads = groupLoads(report, groups, register);
            assert.deepEqual(loads[0], { groupId: 'khog', underWay: 1, drafts: 1, due: 2, deciding: 1, total: 5 });
        });

        it('ranks only the asked group\'s documents for "what should KHOG review first?"', () => {
            const khog = dueReport(register, NOW, OPTIONS, { groupIds: ['khog'] });
            const r = reviewFirst(khog, 3, groups, register);
            assert.deepEqual(
                r.picks.map((p) => p.standing.protocol.id),
                ['stated', 'flagged'],
            );
            assert.deepEqual(
                r.loads.map((l) => l.groupId),
                ['khog'],
            );
        });
    });

    it('with "overdue only", lists only documents whose review date has passed', () => {
        const register = [
            doc('stated', { nextReview: '2021-09' }),
            doc('flagged', { evidence: [ev('flagged_due')] }),
            doc('old', { published: '2010' }),
        ];
        const r = dueReport(register, NOW, OPTIONS, { overdueOnly: true });
        assert.deepEqual(
            r.sections.date_passed.map((s) => s.protocol.id),
            ['stated'],
        );
        assert.equal(r.sections.flagged_due.length + r.sections.nothing_recorded.length, 0);
    });
});
