import { galleryCases } from '../cases.js';
import { LONG_PROGRESS } from '../longText.js';

export default galleryCases('digest-objective', [
    {
        name: 'full-text',
        note: 'The full text of one objective’s entries, from the digest’s button.',
        data: {
            ref: 'HW5',
            text: 'Promote and support the objectives of the Kent Fuel Poverty Strategy and the Kent Environment Strategy',
            label: 'December 2026: 2 of 3 groups have reported',
            entries: [
                {
                    groupName: 'Asset Management',
                    contribution: ': for existing social housing',
                    status: 'Amber',
                    color: 'Warning',
                    text: LONG_PROGRESS,
                },
                {
                    groupName: 'Housing Strategy and Enabling',
                    contribution: '',
                    status: 'Green, up from Amber',
                    color: 'Good',
                    text: 'New-build standards agreed with all twelve districts.',
                },
            ],
            missingLine: 'Not yet reported: Private Sector Housing',
        },
    },
]);
