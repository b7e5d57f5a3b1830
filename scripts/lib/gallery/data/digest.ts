import { galleryCases } from '../cases.js';
import type { DigestCardModel } from '../../../../src/cards/models.js';

const GROUPS = [
    'Asset Management',
    'Kent Housing Options Group',
    'Tenancy Management',
    'Private Sector Housing',
    'Housing Strategy and Enabling',
];

const full: DigestCardModel = {
    title: 'Board digest: December 2026',
    subtitle: '3 of 5 groups have reported',
    subtitleColor: 'Warning',
    scopeLine: '',
    roundLine: 'Board meeting 14 Jan 2027; papers due 4 Jan 2027',
    updates: [
        { groupName: 'Asset Management', detail: 'Submitted on 3 Dec 2026' },
        { groupName: 'Private Sector Housing', detail: 'Not started' },
    ],
    period: '2026-12',
    theme: '',
    groupId: '',
    missing: [
        { groupName: 'Private Sector Housing', detail: 'Not started; due 18 Dec 2026' },
        { groupName: 'Tenancy Management', detail: 'Draft saved on 2 Dec 2026' },
    ],
    moreMissing: 0,
    themes: [
        {
            name: 'Health and Wellbeing',
            tally: '2 objectives: 1 Green, 1 Amber',
            objectives: [
                {
                    ref: 'HW5',
                    text: 'Promote and support the objectives of the Kent Fuel Poverty Strategy and the Kent Environment Strategy',
                    entries: [
                        {
                            line: '**Asset Management**: Amber, no change  \nThe retrofit programme surveyed 1,240 homes across the district this period, and 312 have had external wall insulation…',
                            color: 'Warning',
                        },
                        {
                            line: '**Housing Strategy and Enabling**: Green, up from Amber  \nNew-build standards agreed with all twelve districts.',
                            color: 'Good',
                        },
                    ],
                    missingLine: 'Not yet reported: Private Sector Housing',
                    hasText: true,
                },
            ],
        },
        {
            name: 'Working together for safer homes',
            tally: '1 objective: 1 Red',
            objectives: [
                {
                    ref: 'SH2',
                    text: 'Reduce rough sleeping and the use of temporary accommodation',
                    entries: [
                        {
                            line: '**Kent Housing Options Group**: Red  \nTemporary accommodation use rose 9% this quarter.',
                            color: 'Attention',
                        },
                    ],
                    missingLine: '',
                    hasText: true,
                },
            ],
        },
    ],
    omittedLine: '',
    gaps: [{ line: 'HW9: no group reports on it this period' }],
    helpRequests: [{ line: 'Asset Management asks Private Sector Housing for contractor contacts in East Kent' }],
    matters: [
        { line: '**Asset Management** (for Private Sector Housing): joint work on the damp and mould protocol.' },
    ],
    hasRegister: true,
    registerLine: '14 documents overdue for review, 7 under review.',
    registerTop: [
        { title: 'Kent Reconnection Service protocol', state: 'overdue', why: 'key document, due since September 2022' },
    ],
    downloadUrl: 'https://khg-bot.example.com/api/digest/2026-12.xlsx?sig=abc',
    paperUrl: 'https://khg-bot.example.com/api/digest/2026-12.docx?sig=abc',
    canAct: true,
};

export default galleryCases('digest', [
    { name: 'partial', note: 'The manager’s digest with two groups missing.', data: full },
    {
        name: 'nothing-yet',
        note: 'No group has reported yet.',
        data: {
            ...full,
            subtitle: 'No group has reported yet',
            subtitleColor: 'Attention',
            missing: GROUPS.map((groupName) => ({ groupName, detail: 'Not started; due 18 Dec 2026' })),
            themes: [],
            matters: [],
        },
    },
    {
        name: 'many-groups',
        note: 'A large partnership: the list of missing groups is cut, the rest in the spreadsheet.',
        data: {
            ...full,
            subtitle: '0 of 40 groups have reported',
            missing: Array.from({ length: 15 }, (_, i) => ({
                groupName: `${GROUPS[i % GROUPS.length]} ${i + 1}`,
                detail: 'Not started; due 18 Dec 2026',
            })),
            moreMissing: 25,
            themes: [],
            matters: [],
            hasRegister: false,
        },
    },
]);
