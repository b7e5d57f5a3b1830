import { galleryCases } from '../cases.js';

export default galleryCases('objectives-round', [
    {
        name: 'answers',
        note: 'The manager sees the groups’ answers and proposals.',
        data: {
            roundId: 'r1',
            summary: '2 of 5 groups have answered.',
            groups: [
                {
                    groupName: 'Asset Management',
                    state: 'Answered on 28 Nov 2026',
                    comment: 'We also contribute to HW9 through the overheating survey.',
                    proposals: [
                        { id: 'p1', groupId: 'asset-management', line: 'Take on HW9: overheating survey', decided: '' },
                    ],
                },
                { groupName: 'Tenancy Management', state: 'Not answered yet', comment: '', proposals: [] },
            ],
        },
    },
]);
