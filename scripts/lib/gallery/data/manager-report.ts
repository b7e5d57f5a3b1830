import { galleryCases } from '../cases.js';

export default galleryCases('manager-report', [
    {
        name: 'late-and-unreachable',
        note: 'The manager is told who is still late and who could not be reached.',
        data: {
            heading: 'Reminders: what needs you',
            late: [
                { groupName: 'Private Sector Housing', detail: 'September 2026 update, due 18 Sep 2026: 3 chases sent' },
                { groupName: 'Tenancy Management', detail: 'September 2026 update, due 18 Sep 2026: 3 chases sent' },
            ],
            unreachable: [{ name: 'Chris Lane (vice-chair, KHOG)', detail: 'Not in any team the bot is installed in' }],
        },
    },
]);
