import { galleryCases } from '../cases.js';

export default galleryCases('manage-group', [
    {
        name: 'khog',
        note: 'Changing KHOG’s reporting: cadence and next due date.',
        data: {
            groupId: 'khog',
            groupName: 'Kent Housing Options Group',
            currentLine: 'Reports every 3 months; next update due 11 Dec 2026.',
            reports: 'true',
            cadenceMonths: '3',
            nextUpdateDue: '2026-12-11',
        },
    },
]);
