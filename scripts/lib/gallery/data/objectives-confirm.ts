import { galleryCases } from '../cases.js';

export default galleryCases('objectives-confirm', [
    {
        name: 'chair',
        note: 'A chair is asked to confirm the objectives their group reports on.',
        data: {
            roundId: 'r1',
            groupId: 'asset-management',
            groupName: 'Asset Management',
            introLine: 'Please confirm the strategy objectives Asset Management reports on, and your part in each.',
            chaseLine: '',
            objectives: [
                {
                    ref: 'HW5',
                    text: 'Promote and support the objectives of the Kent Fuel Poverty Strategy and the Kent Environment Strategy',
                    contribution: 'For existing social housing',
                    contributionLabel: 'Your part in HW5',
                },
            ],
            others: [
                { ref: 'HW9', title: 'HW9: Ensure housing is resilient to the future changes in climate' },
                { ref: 'A8', title: 'A8: Challenge the stigma associated with social or affordable housing' },
            ],
        },
    },
]);
