import { galleryCases } from '../cases.js';

export default galleryCases('reminder-outcomes', [
    {
        name: 'mixed',
        note: 'The manager asks who the last reminders reached.',
        data: {
            heading: 'Reminders sent on Monday 30 Nov 2026',
            summary: '5 reminders: 3 sent, 1 sent after a retry, 1 could not be delivered.',
            rows: [
                { name: 'Priya Shah', detail: 'Sent (Asset Management, 14 days before)' },
                { name: 'Tom Reed', detail: 'Sent after a retry (Private Sector Housing, 3 days before)' },
                { name: 'Chris Lane', detail: 'Not delivered: not in any team the bot is installed in' },
            ],
            more: 2,
        },
    },
    {
        name: 'nothing-yet',
        note: 'No reminders have gone out yet.',
        data: { heading: 'No reminders yet', summary: 'No reminder has been sent so far.', rows: [], more: 0 },
    },
]);
