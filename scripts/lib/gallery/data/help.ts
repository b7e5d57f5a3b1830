import { galleryCases } from '../cases.js';

const chairCapabilities = [
    { title: 'Your group’s next update', example: "What's my group's next update?" },
    { title: 'Protocols due for review', example: 'Which of our protocols are due for review?' },
    { title: 'One document', example: 'Tell me about the KRS' },
];

export default galleryCases('help', [
    {
        name: 'chair',
        note: 'Priya, chair of Asset Management and of KHOG, in her one-to-one chat.',
        data: {
            greeting: 'Hello Priya',
            roleLine: 'You are chair of Asset Management and of Kent Housing Options Group.',
            capabilities: chairCapabilities,
            notOnRoster: false,
        },
    },
    {
        name: 'manager',
        note: 'Morgan, the partnership manager.',
        data: {
            greeting: 'Hello Morgan',
            roleLine: 'You are the partnership manager.',
            capabilities: [
                { title: 'Which groups are late', example: 'Which groups are late?' },
                { title: 'The Board digest', example: 'Digest for December 2026' },
                { title: 'Who the reminders reached', example: 'Who did the last reminders reach?' },
                { title: 'Protocols due for review', example: 'Which protocols are due for review?' },
                { title: 'What to review first', example: 'What should we review first?' },
            ],
            notOnRoster: false,
        },
    },
    {
        name: 'stranger',
        note: 'Pat, on no roster: what anyone can ask, and how to be added.',
        data: {
            greeting: 'Hello Pat',
            roleLine: 'You are not on any group’s roster yet.',
            capabilities: [
                { title: 'Protocols due for review', example: 'Which protocols are due for review?' },
                { title: 'One document', example: 'Tell me about the KRS' },
            ],
            notOnRoster: true,
            managerLine:
                'To be added to a group, ask the partnership manager (Morgan Ellis, morgan.ellis@example.com) to put you on its roster.',
        },
    },
    {
        name: 'group-chat',
        note: 'Installed in a group chat or channel: a greeting for everyone, naming no one.',
        data: {
            greeting: 'Hello everyone',
            roleLine: 'I help Kent Housing Group’s sub-groups with their protocols and progress updates.',
            capabilities: chairCapabilities,
            notOnRoster: false,
        },
    },
]);
