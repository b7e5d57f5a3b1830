import { galleryCases } from '../cases.js';
import type { ProtocolCardModel } from '../../../../src/cards/models.js';

const krs: ProtocolCardModel = {
    id: 'krs',
    title: 'Kent Reconnection Service protocol',
    kindLabel: 'Protocol',
    isKey: true,
    stateLabel: 'Current',
    stateColor: 'Default',
    due: 'Overdue: its own review date was September 2021',
    dueColor: 'Default',
    evidence: [
        { text: 'The protocol states its own review: September 2021, then annually (the protocol, recorded 1 Mar 2022)' },
        { text: 'The website flags it as due for review (the partnership’s 2022 review paper, recorded 1 Mar 2022)' },
    ],
    noEvidence: false,
    facts: [
        { title: 'Owners', value: 'Kent Housing Options Group' },
        { title: 'Published', value: 'September 2020' },
        { title: 'Review cycle', value: 'Every 12 months (the protocol says so)' },
        { title: 'Source', value: 'The partnership’s 2022 review paper' },
    ],
    statusNote: '',
    message: '',
    url: 'https://www.kenthousinggroup.org.uk/protocols',
    history: [
        { when: '1 Mar 2022', who: 'The partnership’s 2022 review paper', what: 'Added to the register' },
        { when: '16 Nov 2026', who: 'Morgan Ellis', what: 'Note: asked KHOG whether the cycle is still annual' },
    ],
    historyMore: '',
    canEdit: false,
    today: '2026-11-30',
    nextReview: '',
    cycleMonths: '12',
    status: 'current',
    statusChoices: [
        { title: 'Current', value: 'current' },
        { title: 'Under review', value: 'under_review' },
        { title: 'Draft', value: 'draft' },
        { title: 'Withdrawn', value: 'withdrawn' },
    ],
    groupChoices: [
        { title: 'Kent Housing Options Group', value: 'khog' },
        { title: 'Tenancy Management', value: 'tenancy-management' },
    ],
};

export default galleryCases('protocol', [
    { name: 'anyone', note: 'Anyone asks about the KRS.', data: krs },
    {
        name: 'manager-reviewed',
        note: 'The manager marked it reviewed (confirmed): it stands as reviewed on the manager\'s dated word; the change forms below.',
        data: {
            ...krs,
            canEdit: true,
            due: 'Reviewed on 30 November 2026: current. No review cycle on record (its own or the partnership\'s), so when its next review falls is unknown (as at 30 November 2026)',
            dueColor: 'Good',
            facts: krs.facts.filter((f) => f.title !== 'Review cycle'),
            evidence: [
                {
                    text: 'Reviewed on 30 November 2026, in the word of Morgan Ellis (partnership manager) (recorded by Morgan Ellis, 30 November 2026)',
                },
            ],
            history: [
                ...krs.history,
                {
                    when: '30 Nov 2026',
                    who: 'Morgan Ellis',
                    what: 'Marked reviewed: last reviewed none → 30 Nov 2026',
                },
            ],
        },
    },
    {
        name: 'under-review',
        note: 'A document being reviewed, with a long note.',
        data: {
            ...krs,
            id: 'young-persons-protocol',
            title: 'Joint protocol for young people',
            isKey: false,
            stateLabel: 'Under review',
            due: 'Review under way, led by KHOG and KCC',
            statusNote:
                'A protocol between the Kent local housing authorities and KCC, being reviewed by KHOG and KCC now. The review covers 16 and 17 year olds presenting as homeless and the joint assessment.',
            url: '',
            canEdit: true,
            status: 'under_review',
        },
    },
]);
