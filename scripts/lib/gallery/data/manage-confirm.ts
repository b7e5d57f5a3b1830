import { galleryCases } from '../cases.js';

const change = JSON.stringify({ kind: 'group', groupId: 'khog', cadenceMonths: 6, nextUpdateDue: '2027-01-15' });

export default galleryCases('manage-confirm', [
    {
        name: 'confirm',
        note: 'What will change, before the manager confirms.',
        data: {
            state: 'confirm',
            title: 'Change Kent Housing Options Group?',
            lines: ['Cadence: every 3 months → every 6 months', 'Next update due: 11 Dec 2026 → 15 Jan 2027'],
            footer: 'Nothing has changed yet. You can undo this afterwards.',
            change,
            auditId: '',
        },
    },
    {
        name: 'applied',
        note: 'After confirming: done, with Undo.',
        data: {
            state: 'applied',
            title: 'Kent Housing Options Group changed',
            lines: ['Cadence: every 3 months → every 6 months', 'Next update due: 11 Dec 2026 → 15 Jan 2027'],
            footer: 'By Morgan Ellis on 30 Nov 2026. Kept in the audit trail.',
            change,
            auditId: 'audit-12',
        },
    },
]);
