import { galleryCases } from '../cases.js';

export default galleryCases('round-ask', [
    {
        name: 'chair',
        note: 'A chair is asked which of the group’s documents it can review this year.',
        data: {
            heading: 'Which documents can KHOG review this year?',
            intro: 'The partnership is planning this year’s reviews. Tick what your group can take on.',
            roundId: 'r2',
            groupId: 'khog',
            documents: [
                {
                    id: 'reciprocal-scheme',
                    title: 'Kent high priority rehousing reciprocal scheme',
                    standing: 'Its own review date, September 2021, has passed',
                },
                { id: 'young-persons-protocol', title: 'Joint protocol for young people', standing: 'Under review' },
            ],
        },
    },
]);
