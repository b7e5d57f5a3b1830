import { galleryCases } from '../cases.js';

const blank = { sections: [], footer: '', id: '', auditId: '', choices: [], groupId: '', groups: [] };

export default galleryCases('import-preview', [
    {
        name: 'preview',
        note: 'The manager drops a roster spreadsheet into the chat: what would change, to apply or cancel.',
        data: {
            ...blank,
            state: 'preview',
            id: 'imp-1',
            title: 'Import roster-december.csv into the roster?',
            summary:
                'Applying this file would make these changes (2 added, 1 changed, 1 removed; 11 unchanged). Nothing has changed yet.',
            sections: [
                {
                    heading: 'Added (2)',
                    lines: ['Sam Porter, member of Tenancy Management', 'Alex Kim, vice-chair of Asset Management'],
                },
                { heading: 'Changed (1)', lines: ['Tom Reed: chair of Private Sector Housing (was vice-chair)'] },
                { heading: 'Removed (1)', lines: ['Jo Baker, member of Asset Management'] },
            ],
            footer: 'Apply replaces the roster with the file, all or nothing, and can be undone. This preview works for 24 hours.',
        },
    },
    {
        name: 'choose',
        note: 'A file whose headings fit two kinds of data: which should it replace?',
        data: {
            ...blank,
            state: 'choose',
            id: 'imp-2',
            title: 'What does partnership.csv hold?',
            summary:
                'Its column headings fit more than one kind of data. Which should it replace? Nothing changes until you see a preview and apply it.',
            choices: [
                { title: 'Preview as the roster', kind: 'roster' },
                { title: 'Preview as the groups', kind: 'groups' },
            ],
        },
    },
    {
        name: 'choose-group',
        note: 'An action plan whose name and title do not say which group it belongs to: the manager picks the group.',
        data: {
            ...blank,
            state: 'chooseGroup',
            id: 'imp-3',
            title: "Which group's action plan is this?",
            summary:
                'action-plan-feb.xlsx is laid out as an action plan, but its name and title do not say which group\'s it is. Choose the group: I will show you what would change before anything is imported.',
            groups: [
                { title: 'Kent Housing Options Group', value: 'khog' },
                { title: 'Tenancy Management', value: 'tenancy-management' },
                { title: 'Housing Strategy and Enabling', value: 'housing-strategy-and-enabling' },
                { title: 'Asset Management', value: 'asset-management' },
                { title: 'Private Sector Housing', value: 'private-sector-housing' },
            ],
        },
    },
    {
        name: 'action-plan',
        note: "The same action plan's preview once the group is chosen: milestones added and changed, by objective.",
        data: {
            ...blank,
            state: 'preview',
            id: 'imp-3',
            groupId: 'asset-management',
            title: "Import action-plan-feb.xlsx into Asset Management's action plan?",
            summary:
                'Applying this file would make these changes (2 added, 1 changed; 6 unchanged). Nothing has changed yet.',
            sections: [
                {
                    heading: 'Added (2)',
                    lines: [
                        'HW5: MBC to work towards balancing the housing market through Maidstone Property Holdings',
                        'HW9: Review the Homefinder lettings scheme to ensure value for money and delivering effective…',
                    ],
                },
                { heading: 'Changed (1)', lines: ['HW9: Continue tenancy mediation service for private sector landlords: state, update'] },
            ],
            footer: "1 milestone's state is assumed from the update's wording, and shown as assumed until the chair confirms. Apply updates Asset Management's action plan with the file, all or nothing, and can be undone. This preview works for 24 hours.",
        },
    },
    {
        name: 'applied',
        note: 'After applying: who and when, and Undo.',
        data: {
            ...blank,
            state: 'applied',
            auditId: 'audit-7',
            title: 'Imported roster-december.csv into the roster',
            summary: '2 added, 1 changed, 1 removed, by Morgan Ellis on 30 Nov 2026. Kept in the audit trail.',
        },
    },
]);
