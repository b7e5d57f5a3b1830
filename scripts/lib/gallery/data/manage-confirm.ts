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
    {
        name: 'register-confirm',
        note: "A change to one document from its card: what will change, and where it will stand, before Confirm.",
        data: {
            state: 'confirm',
            title: 'Confirm this change',
            lines: [
                "Kent high priority rehousing reciprocal scheme's state becomes withdrawn (was: current)",
                'Its note on its state is cleared (was: "Monitored by the Chair of KHOG.")',
                'Where it stands becomes: Withdrawn: never due (was: Its stated review date, September 2021, has passed)',
            ],
            footer: 'Nothing has changed yet. Confirm to make the change; you can undo it afterwards.',
            change: JSON.stringify({ kind: 'register', id: 'reciprocal-scheme' }),
            auditId: '',
        },
    },
    {
        name: 'register-reviewed-applied',
        note: 'A document marked reviewed, confirmed: what changed, with Undo.',
        data: {
            state: 'applied',
            title: 'Changed',
            lines: [
                'KHG Pre eviction protocol is recorded as last reviewed on 30 November 2026 (was: no review on record)',
                "The partnership manager's word that it was reviewed on 30 November 2026 is kept as evidence of where it stands",
            ],
            footer: 'Changed by Morgan Ellis on 30 Nov 2026 at 10:00, and kept in the audit trail.',
            change: '',
            auditId: '2026-11-30T10:00:00.000Z-0123abcd',
        },
    },
]);
