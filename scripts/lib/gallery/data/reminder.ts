import { galleryCases } from '../cases.js';

export default galleryCases('reminder', [
    {
        name: 'chair-of-two',
        note: 'Priya’s reminder for both her groups, with her groups’ documents due.',
        data: {
            heading: 'Your progress updates are due soon',
            intro: 'Hello Priya. A few minutes on each is enough; you can save a draft and finish later.',
            groups: [
                {
                    groupId: 'asset-management',
                    groupName: 'Asset Management',
                    period: '2026-12',
                    periodLabel: 'December 2026',
                    dueLine: 'Due Friday 18 Dec 2026: in 14 days',
                    dueColor: 'Default',
                    reportsOn: 'HW5, HW9',
                    formTitle: 'Write Asset Management’s update',
                },
                {
                    groupId: 'khog',
                    groupName: 'Kent Housing Options Group',
                    period: '2026-12',
                    periodLabel: 'December 2026',
                    dueLine: 'Due Friday 11 Dec 2026: in 3 days',
                    dueColor: 'Warning',
                    reportsOn: '',
                    formTitle: 'Write KHOG’s update',
                },
            ],
            protocols: [
                { title: 'Joint protocol for young people', state: 'being reviewed by KHOG and KCC' },
                { title: 'Kent Reconnection Service protocol', state: 'overdue since September 2022' },
            ],
            helpTitle: 'Ask Morgan, the partnership manager',
            helpUrl:
                'https://teams.microsoft.com/l/chat/0/0?users=morgan.ellis%40example.com&message=Hello%2C%20I%20have%20a%20question%20about%20our%20progress%20update.',
        },
    },
    {
        name: 'late',
        note: 'Tom’s chase, a week after the due date.',
        data: {
            heading: 'Your progress update is late',
            intro: 'Hello Tom. The Board digest is being put together: a short update is better than none.',
            groups: [
                {
                    groupId: 'private-sector-housing',
                    groupName: 'Private Sector Housing',
                    period: '2026-09',
                    periodLabel: 'September 2026',
                    dueLine: 'Was due Friday 18 Sept 2026: 73 days late',
                    dueColor: 'Attention',
                    reportsOn: 'HW5',
                    formTitle: 'Write Private Sector Housing’s update',
                },
            ],
            protocols: [],
            helpTitle: '',
            helpUrl: '',
        },
    },
]);
