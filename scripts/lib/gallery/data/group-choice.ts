import { galleryCases } from '../cases.js';

export default galleryCases('group-choice', [
    {
        name: 'chair-of-two',
        note: 'Priya chairs two groups: one button per group, each naming it.',
        data: {
            question: 'Which group’s update do you want to write?',
            choices: [
                { title: 'Asset Management (December 2026)', groupId: 'asset-management', period: '2026-12' },
                { title: 'KHOG (December 2026)', groupId: 'khog', period: '2026-12' },
            ],
        },
    },
]);
