import { galleryCases } from '../cases.js';
import { LONG_PROGRESS } from '../longText.js';

const base = {
    groupId: 'asset-management',
    groupName: 'Asset Management',
    period: '2026-12',
    periodLabel: 'December 2026',
    dueLine: 'Due Friday 18 December 2026: in 18 days',
    basedOn: 0,
    otherMatters: '',
    concerns: '',
    otherGroups: [
        { id: 'khog', name: 'Kent Housing Options Group' },
        { id: 'tenancy-management', name: 'Tenancy Management' },
        { id: 'private-sector-housing', name: 'Private Sector Housing' },
        { id: 'strategy-enabling', name: 'Housing Strategy and Enabling' },
    ],
    maxLength: 4000,
};

export default galleryCases('progress-form', [
    {
        name: 'new',
        note: 'A chair opens a new update: last time’s text behind a button.',
        data: {
            ...base,
            stateLine: '',
            objectives: [
                {
                    ref: 'HW5',
                    text: 'Promote and support the objectives of the Kent Fuel Poverty Strategy and the Kent Environment Strategy',
                    contribution: 'For existing social housing',
                    hasLast: true,
                    lastLabel: 'September 2026, Amber',
                    lastText: LONG_PROGRESS,
                    draftText: '',
                    draftRag: '',
                    noChange: 'false',
                    maxLength: 4000,
                },
                {
                    ref: 'HW9',
                    text: 'Ensure housing is resilient to the future changes in climate to give the best possible health outcomes and prevent overheating',
                    contribution: '',
                    hasLast: false,
                    lastLabel: '',
                    lastText: '',
                    draftText: '',
                    draftRag: '',
                    noChange: 'false',
                    maxLength: 4000,
                },
            ],
        },
    },
    {
        name: 'draft',
        note: 'A saved draft reopened, with long text.',
        data: {
            ...base,
            basedOn: 2,
            stateLine: 'Draft saved on 28 Nov 2026 by Priya Shah',
            objectives: [
                {
                    ref: 'HW5',
                    text: 'Promote and support the objectives of the Kent Fuel Poverty Strategy and the Kent Environment Strategy',
                    contribution: 'For existing social housing',
                    hasLast: false,
                    lastLabel: '',
                    lastText: '',
                    draftText: LONG_PROGRESS,
                    draftRag: 'amber',
                    noChange: 'false',
                    maxLength: 4000,
                },
            ],
            otherMatters: 'Joint work with Private Sector Housing on the damp and mould protocol.',
            concerns: 'private-sector-housing',
        },
    },
    {
        name: 'no-objectives',
        note: 'A group with no objectives recorded: only other matters.',
        data: { ...base, groupId: 'tenancy-management', groupName: 'Tenancy Management', stateLine: '', objectives: [] },
    },
]);
