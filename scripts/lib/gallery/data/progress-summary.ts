import { galleryCases } from '../cases.js';
import { LONG_PROGRESS, SHORT_PROGRESS } from '../longText.js';

export default galleryCases('progress-summary', [
    {
        name: 'submitted-chair',
        note: 'What the chair sees after submitting: the summary, with Edit.',
        data: {
            groupId: 'asset-management',
            groupName: 'Asset Management',
            period: '2026-12',
            periodLabel: 'December 2026',
            statusLine: 'Submitted by Priya Shah on 30 Nov 2026',
            statusColor: 'Good',
            sections: [
                {
                    ref: 'HW5',
                    objective: 'Promote and support the objectives of the Kent Fuel Poverty Strategy and the Kent Environment Strategy',
                    ragLabel: 'Amber',
                    ragColor: 'Warning',
                    noChangeLabel: '',
                    text: LONG_PROGRESS,
                    suggestion: '',
                    milestones: [{ line: 'Retrofit survey of 1,200 homes: in progress, target March 2026 (past)' }],
                    help: [{ line: 'Help needed from Private Sector Housing: contractor contacts in East Kent' }],
                },
                {
                    ref: 'HW9',
                    objective: 'Ensure housing is resilient to the future changes in climate to give the best possible health outcomes and prevent overheating',
                    ragLabel: 'Green',
                    ragColor: 'Good',
                    noChangeLabel: ' · no change since last update',
                    text: SHORT_PROGRESS,
                    suggestion: '',
                    milestones: [],
                    help: [],
                },
            ],
            otherMatters: 'Joint work with Private Sector Housing on the damp and mould protocol.',
            concernsLine: 'For: Private Sector Housing',
            canEdit: true,
            refreshUserIds: ['29:priya'],
        },
    },
    {
        name: 'draft-member',
        note: 'A member sees a saved draft: no Edit.',
        data: {
            groupId: 'asset-management',
            groupName: 'Asset Management',
            period: '2026-12',
            periodLabel: 'December 2026',
            statusLine: 'Draft saved on 28 Nov 2026 by Priya Shah: not submitted yet',
            statusColor: 'Accent',
            sections: [
                {
                    ref: 'HW5',
                    objective: 'Promote and support the objectives of the Kent Fuel Poverty Strategy',
                    ragLabel: 'Red',
                    ragColor: 'Attention',
                    noChangeLabel: '',
                    text: 'Deferred: the contractor withdrew in October.',
                    suggestion: '',
                    milestones: [],
                    help: [],
                },
            ],
            otherMatters: '',
            concernsLine: '',
            canEdit: false,
            refreshUserIds: [],
        },
    },
]);
