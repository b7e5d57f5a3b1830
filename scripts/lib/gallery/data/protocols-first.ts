import { galleryCases } from '../cases.js';

const filter = { groupIds: [], overdueOnly: false, horizonMonths: 0, horizonDays: 0 };

export default galleryCases('protocols-first', [
    {
        name: 'picks',
        note: 'What to review first, with reasons.',
        data: {
            heading: 'What to review first',
            intro: 'Three documents, most pressing first.',
            picks: [
                {
                    rank: 1,
                    id: 'krs',
                    title: 'Kent Reconnection Service protocol',
                    reasons: 'Key document; overdue since September 2022 by its own review date; no review under way.',
                },
                {
                    rank: 2,
                    id: 'hospital-discharge',
                    title: 'Hospital discharge protocol',
                    reasons: 'The website flags it as due for review; last reviewed in 2018.',
                },
            ],
            nothing: false,
            nothingLine: '',
            notes: [{ text: 'Four documents are already under review and are left out.' }],
            loads: [
                { group: 'KHOG', load: '3 waiting, 2 under review' },
                { group: 'Asset Management', load: '1 waiting' },
            ],
            hasLoads: true,
            rule: 'Ranked by: key documents first, then the strongest evidence that a review is due, then the oldest.',
            filter,
        },
    },
    {
        name: 'nothing',
        note: 'Nothing waits for a review.',
        data: {
            heading: 'What to review first',
            intro: '',
            picks: [],
            nothing: true,
            nothingLine: 'Nothing is waiting for a review.',
            notes: [],
            loads: [],
            hasLoads: false,
            rule: 'Ranked by: key documents first, then the strongest evidence that a review is due, then the oldest.',
            filter,
        },
    },
]);
