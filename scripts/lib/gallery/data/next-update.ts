import { galleryCases } from '../cases.js';
import type { NextUpdateGroup } from '../../../../src/cards/models.js';

const assetManagement: NextUpdateGroup = {
    groupId: 'asset-management',
    groupName: 'Asset Management',
    period: '2026-12',
    periodLabel: 'December 2026',
    roleLine: 'You are chair',
    dueLine: 'Due Friday 18 Dec 2026: in 18 days',
    dueColor: 'Default',
    facts: [
        { title: 'Opens', value: '1 Dec 2026' },
        { title: 'Cadence', value: 'Every 3 months' },
        { title: 'This period', value: 'Not started' },
        { title: 'After this', value: 'March 2027, due 19 Mar 2027' },
    ],
    state: 'not_started',
    lastTimeLine: 'Last update: September 2026, submitted by Priya Shah on 14 Sep 2026',
    objectives: [
        {
            ref: 'HW5',
            text: 'Promote and support the objectives of the Kent Fuel Poverty Strategy and the Kent Environment Strategy',
            contribution: 'For existing social housing',
            lastLine: 'Amber: Retrofit survey of 1,200 homes under way; funding bid for wave 3 submitted…',
        },
        {
            ref: 'HW9',
            text: 'Ensure housing is resilient to the future changes in climate to give the best possible health outcomes and prevent overheating',
            contribution: '',
            lastLine: 'No update yet',
        },
    ],
    canOpenForm: true,
    formTitle: 'Write Asset Management’s update',
    formNote: '',
};

export default galleryCases('next-update', [
    {
        name: 'chair',
        note: 'A chair of one group, update not started.',
        data: { title: 'Your group’s next update', intro: '', groups: [assetManagement] },
    },
    {
        name: 'chair-of-two',
        note: 'Priya chairs two groups: one section and one button each, naming the group.',
        data: {
            title: 'Your groups’ next updates',
            intro: 'You chair two groups.',
            groups: [
                assetManagement,
                {
                    ...assetManagement,
                    groupId: 'khog',
                    groupName: 'Kent Housing Options Group',
                    dueLine: 'Due Friday 11 Dec 2026: in 11 days',
                    state: 'draft',
                    facts: [
                        { title: 'Opens', value: '1 Dec 2026' },
                        { title: 'Cadence', value: 'Every 6 months' },
                        { title: 'This period', value: 'Draft saved on 28 Nov 2026 by Priya Shah' },
                    ],
                    lastTimeLine: '',
                    objectives: [
                        {
                            ref: 'SH2',
                            text: 'Reduce rough sleeping and the use of temporary accommodation',
                            contribution: '',
                            lastLine: 'No update yet',
                        },
                    ],
                    formTitle: 'Continue KHOG’s draft',
                },
            ],
        },
    },
    {
        name: 'member',
        note: 'Jo, a member: no button, and who writes it.',
        data: {
            title: 'Your group’s next update',
            intro: '',
            groups: [
                {
                    ...assetManagement,
                    roleLine: 'You are a member',
                    canOpenForm: false,
                    formNote: 'The chair or vice-chair writes it: Priya Shah (chair).',
                },
            ],
        },
    },
    {
        name: 'late-no-objectives',
        note: 'A group that is late and has no objectives recorded yet.',
        data: {
            title: 'Your group’s next update',
            intro: '',
            groups: [
                {
                    ...assetManagement,
                    groupId: 'private-sector-housing',
                    groupName: 'Private Sector Housing',
                    periodLabel: 'September 2026',
                    period: '2026-09',
                    dueLine: 'Was due Friday 18 Sept 2026: 73 days late',
                    dueColor: 'Attention',
                    lastTimeLine: '',
                    objectives: [],
                    formTitle: 'Write Private Sector Housing’s update',
                },
            ],
        },
    },
]);
