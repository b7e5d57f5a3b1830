import { galleryCases } from '../cases.js';

export default galleryCases('objective-matrix', [
    {
        name: 'with-gaps',
        note: 'The manager asks which group works on which objective.',
        data: {
            summary: '12 objectives: 10 with at least one group, 2 with none.',
            themes: [
                {
                    name: 'Health and Wellbeing',
                    rows: [
                        {
                            ref: 'HW5',
                            text: 'Promote and support the objectives of the Kent Fuel Poverty Strategy',
                            gap: false,
                            groups: 'Asset Management, Private Sector Housing',
                        },
                        {
                            ref: 'HW9',
                            text: 'Ensure housing is resilient to the future changes in climate',
                            gap: false,
                            groups: 'Asset Management',
                        },
                    ],
                },
                {
                    name: 'Affordability',
                    rows: [
                        {
                            ref: 'A8',
                            text: 'Challenge the stigma associated with social or affordable housing',
                            gap: true,
                            groups: 'No group yet',
                        },
                    ],
                },
            ],
            downloadUrl: 'https://khg-bot.example.com/api/objectives/matrix.xlsx?sig=abc',
        },
    },
]);
