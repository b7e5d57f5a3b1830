import { galleryCases } from '../cases.js';

export default galleryCases('clarify', [
    {
        name: 'open',
        note: 'An ambiguous question: a button per meaning.',
        data: {
            question: 'Do you mean the groups that are late with their update, or the protocols due for review?',
            text: 'anyone overdue?',
            choices: [
                { title: 'Late groups', intent: 'lateGroups' },
                { title: 'Protocols due for review', intent: 'protocolsDue' },
            ],
        },
    },
    {
        name: 'answered',
        note: 'After the person chose: the buttons are gone.',
        data: {
            question: '',
            asked: 'anyone overdue?',
            text: 'anyone overdue?',
            choices: [],
            chosen: 'Protocols due for review',
        },
    },
]);
