import { galleryCases } from '../cases.js';

export default galleryCases('protocol-choice', [
    {
        name: 'two-matches',
        note: 'A question that matches more than one document.',
        data: {
            question: 'Which document do you mean?',
            candidates: [
                { id: 'young-persons-protocol', title: 'Joint protocol for young people', detail: 'Protocol · KHOG, KCC' },
                {
                    id: 'care-leavers-protocol',
                    title: 'Care leavers protocol',
                    detail: 'Protocol · KHOG, KCC · published in August 2020',
                },
            ],
        },
    },
]);
