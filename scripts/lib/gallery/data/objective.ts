import { galleryCases } from '../cases.js';
import { LONG_PROGRESS } from '../longText.js';

export default galleryCases('objective', [
    {
        name: 'two-groups',
        note: 'Anyone asks about HW5: who contributes and what they last said.',
        data: {
            ref: 'HW5',
            text: 'Promote and support the objectives of the Kent Fuel Poverty Strategy and the Kent Environment Strategy',
            themeLine: 'Health and Wellbeing theme · 2 groups contributing',
            gap: false,
            contributions: [
                {
                    groupName: 'Asset Management',
                    contributionLine: ': For existing social housing',
                    ragLabel: 'Amber',
                    ragColor: 'Warning',
                    reportLine: 'September 2026 update, submitted by Priya Shah on 3 Oct 2026',
                    reportText: LONG_PROGRESS,
                    milestones: [{ state: 'In progress', line: 'Retrofit survey of 1,200 homes: target March 2026' }],
                    help: [{ line: 'Asks Private Sector Housing for contractor contacts in East Kent' }],
                },
                {
                    groupName: 'Private Sector Housing',
                    contributionLine: ': For existing private sector homes',
                    ragLabel: '',
                    ragColor: '',
                    reportLine: 'Nothing reported yet.',
                    reportText: '',
                    milestones: [],
                    help: [],
                },
            ],
            footnote: 'Ratings are the groups’ own, from their latest updates.',
        },
    },
    {
        name: 'gap',
        note: 'An objective no group has taken on.',
        data: {
            ref: 'A8',
            text: 'Challenge the stigma associated with regards to social or affordable housing',
            themeLine: 'Affordability theme · no group contributing',
            gap: true,
            contributions: [],
            footnote: '',
        },
    },
]);
