import { galleryCases } from '../cases.js';

export default galleryCases('round-status', [
    {
        name: 'open',
        note: 'The manager follows the review-planning round.',
        data: {
            message: '',
            heading: 'Review planning round: 1 of 3 groups answered',
            summary: 'Started on 23 Nov 2026.',
            answered: [{ group: 'KHOG', detail: 'Can review 1 document' }],
            waiting: [{ group: 'Tenancy Management', detail: 'Asked on 23 Nov 2026' }],
            proposals: [
                {
                    title: 'KHOG: Kent high priority rehousing reciprocal scheme',
                    detail: 'Proposed by Priya Shah on 27 Nov 2026',
                    roundId: 'r2',
                    groupId: 'khog',
                    protocolId: 'reciprocal-scheme',
                    canDecide: true,
                },
            ],
            notes: '',
            roundId: 'r2',
            canStart: false,
            plan: '',
            canClose: true,
        },
    },
]);
