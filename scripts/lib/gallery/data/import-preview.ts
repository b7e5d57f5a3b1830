import { galleryCases } from '../cases.js';

const blank = { sections: [], footer: '', id: '', auditId: '', choices: [] };

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
