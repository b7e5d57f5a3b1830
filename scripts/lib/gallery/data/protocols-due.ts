import { galleryCases } from '../cases.js';
import type { ProtocolRowModel, ProtocolsDueModel } from '../../../../src/cards/models.js';

const filter = { groupIds: [], overdueOnly: false, horizonMonths: 0, horizonDays: 0 };

const row = (id: string, title: string, due: string, state: string, owners: string, dates: string, isKey = false) =>
    ({ id, title, isKey, owners, dates, due, dueColor: 'Default', state }) satisfies ProtocolRowModel;

const whole: ProtocolsDueModel = {
    heading: 'Protocols and guides due for review',
    subheading: 'On 30 Nov 2026; due soon means within 60 days (by 29 Jan 2027).',
    note: '',
    counts: [
        { label: 'Overdue', value: '14', color: 'Default' },
        { label: 'Due soon', value: '0', color: 'Default' },
        { label: 'Under review', value: '7', color: 'Default' },
        { label: 'Need a date', value: '1', color: 'Default' },
    ],
    sections: [
        {
            section: 'overdue',
            heading: 'Overdue (14): showing 1 to 3',
            intro: 'Most urgent first: key documents, then the longest overdue.',
            color: 'Default',
            rows: [
                row(
                    'krs',
                    'Kent Reconnection Service protocol',
                    'Overdue: its own review date was September 2021',
                    'Current',
                    'KHOG',
                    'last reviewed in September 2020',
                    true,
                ),
                row(
                    'hospital-discharge',
                    'Hospital discharge protocol',
                    'Overdue: the website flags it as due for review',
                    'Current',
                    'KHOG, KMPT',
                    'written in 2013',
                ),
                row(
                    'keep-guide',
                    'Kent Energy Efficiency Partnership guide',
                    'Overdue: the owner says it needs reviewing',
                    'Current',
                    'Asset Management, KEEP',
                    'published in August 2020',
                ),
            ],
            hasMore: true,
            moreLine: '…and 11 more overdue.',
            moreTitle: 'See all 14 overdue',
            moreData: { section: 'overdue', offset: 0, filter },
        },
        {
            section: 'underReview',
            heading: 'Already under review (7)',
            intro: 'Being handled, so not counted as waiting: who leads each review.',
            color: 'Default',
            rows: [
                row(
                    'young-persons-protocol',
                    'Joint protocol for young people',
                    'Review led by KHOG and KCC',
                    'Under review',
                    'KHOG, KCC',
                    'no date on record',
                ),
            ],
            hasMore: false,
            moreLine: '',
            moreTitle: '',
            moreData: { section: 'underReview', offset: 0, filter },
        },
    ],
    nothing: false,
    nothingLine: '',
    footer: '3 are drafts or withdrawn, so never due. 22 documents in all.',
    filter,
    isPage: false,
    hasPrevious: false,
    previousData: { section: 'overdue', offset: 0, filter },
};

export default galleryCases('protocols-due', [
    { name: 'whole-register', note: 'Anyone asks which protocols are due.', data: whole },
    {
        name: 'nothing-due',
        note: 'A group with nothing due.',
        data: {
            ...whole,
            heading: 'Tenancy Management’s protocols due for review',
            counts: whole.counts.map((c) => ({ ...c, value: '0' })),
            sections: [],
            nothing: true,
            nothingLine: 'Nothing is overdue or due soon, and every document has a date.',
            footer: '2 documents in all.',
        },
    },
]);
