// Which part of the code may import which: the layers of the bot, as rules that `npm run lint` checks
// (dependency-cruiser, over src, test, scripts and bench). Each rule says why it is there.
//
// The layers: src/domain holds the partnership's rules as plain functions and types; src/store is the
// one place that touches the store file; src/bot is the Teams transport; src/formats reads and writes
// files (CSV, spreadsheets, Markdown); src/notify sends proactive messages; src/index.ts and
// src/runtime.ts wire it all together.

/** The Bot Framework and Teams SDKs. */
const BOT_SDK = '^node_modules/(botbuilder[^/]*|botframework-[^/]+|@microsoft/teams-ai)/';
/** File-format libraries: the CSV and spreadsheet readers and writers. */
const FORMAT_LIBS = '^node_modules/(csv-parse|csv-stringify|exceljs)/';
/** Where the bot's SDK may be used: the transport and the wiring. */
const TRANSPORT = ['^src/bot/', '^src/index\\.ts$', '^src/runtime\\.ts$'];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
    forbidden: [
        {
            name: 'no-circular',
            severity: 'error',
            comment:
                'An import cycle makes the order modules load in matter, and a module in a cycle cannot be ' +
                'understood or tested on its own. Type-only imports count too: they tie the modules as tightly.',
            from: {},
            to: { circular: true },
        },
        {
            name: 'domain-imports-only-domain',
            severity: 'error',
            comment:
                "src/domain is the partnership's rules as plain functions: it may use itself, the error type " +
                '(src/errors.ts), the bounded memo (src/remember.ts) and a few pure libraries (dates, ' +
                'schemas, fuzzy matching, bank holidays); never the bot, the store, cards, notify, file ' +
                'formats, the configuration, the log or any SDK.',
            from: { path: '^src/domain/' },
            to: {
                dependencyTypesNot: ['core'],
                pathNot: [
                    '^src/domain/',
                    '^src/errors\\.ts$',
                    '^src/remember\\.ts$',
                    '^node_modules/(luxon|@types/luxon|zod|fuse\\.js|date-holidays)/',
                ],
            },
        },
        {
            name: 'domain-uses-no-io',
            severity: 'error',
            comment:
                'Of Node itself the domain may use crypto (hashes of text), nothing that reads files, the ' +
                'network, the process or timers.',
            from: { path: '^src/domain/' },
            to: { dependencyTypes: ['core'], pathNot: '^(node:)?crypto$' },
        },
        {
            name: 'only-store-imports-lowdb',
            severity: 'error',
            comment:
                'The store is behind an interface (src/store/store.ts); only src/store knows it is lowdb, so ' +
                'another store (Azure) can take its place. Tests reach the store through the same interface.',
            from: { pathNot: '^src/store/' },
            to: { path: '^node_modules/lowdb/' },
        },
        {
            name: 'bot-sdk-only-in-transport',
            severity: 'error',
            comment:
                'Only the transport (src/bot) and the wiring (src/index.ts, src/runtime.ts) use botbuilder and ' +
                'teams-ai, so that moving to the Teams SDK touches src/bot only. src/notify is the proactive ' +
                'transport and follows its own rule below. Tests, scripts and the benchmark drive the real ' +
                'bot through the SDK and are not held to this.',
            from: { path: '^src/', pathNot: [...TRANSPORT, '^src/notify/'] },
            to: { path: BOT_SDK },
        },
        {
            name: 'notify-uses-bot-sdk-types-only',
            severity: 'error',
            comment:
                'src/notify sends proactive messages (queue, pacing, retries, delivery records). Its ' +
                "transport (src/notify/transport.ts) is the SDK's continueConversation and team roster calls, " +
                'so it uses botbuilder and teams-ai; the rest of src/notify names Bot Framework shapes ' +
                '(ConversationReference, Activity) as types only and never calls the SDK.',
            from: { path: '^src/notify/', pathNot: '^src/notify/transport\\.ts$' },
            to: { path: BOT_SDK, dependencyTypesNot: ['type-only'] },
        },
        {
            name: 'http-server-only-in-transport',
            severity: 'error',
            comment: 'restify is the HTTP surface of the bot: only the transport and the wiring use it.',
            from: { path: '^src/', pathNot: TRANSPORT },
            to: { path: '^node_modules/restify/' },
        },
        {
            name: 'file-formats-only-in-formats',
            severity: 'error',
            comment:
                'Reading and writing CSV files and spreadsheets is the edge of the bot (src/formats); the ' +
                'rules those files are checked against stay in src/domain.',
            from: { path: '^src/', pathNot: '^src/formats/' },
            to: { path: FORMAT_LIBS },
        },
        {
            name: 'not-to-unresolvable',
            severity: 'error',
            comment: 'An import that does not resolve is a typo or a missing dependency.',
            from: {},
            to: { couldNotResolve: true },
        },
    ],
    options: {
        doNotFollow: { path: 'node_modules' },
        // Type-only imports are dependencies too: a domain file importing a botbuilder type is still tied to it.
        tsPreCompilationDeps: true,
        tsConfig: { fileName: 'tsconfig.json' },
        enhancedResolveOptions: {
            exportsFields: ['exports'],
            conditionNames: ['import', 'require', 'node', 'default', 'types'],
            extensions: ['.ts', '.js', '.cjs', '.mjs', '.d.ts', '.json'],
        },
        exclude: { path: ['^dist/', '(^|/)\\.tmp/'] },
        reporterOptions: { text: { highlightFocused: true } },
    },
};
