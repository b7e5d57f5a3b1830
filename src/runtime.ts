/**
 * Builds the running bot from its configuration: store, recogniser, adapter, application, server.
 * Shared by `index.ts` and the end-to-end tests, so the tests run exactly what production runs.
 */
import type { Server } from 'restify';
import { systemClock, type Clock } from './clock.js';
import type { Config } from './config.js';
import type { Logger } from './log.js';
import { createAdapter } from './bot/adapter.js';
import { createApp, type BotApp } from './bot/app.js';
import type { Feature } from './bot/feature.js';
import type { BotDeps } from './bot/deps.js';
import type { PromptCompletionModel } from '@microsoft/teams-ai';
import { readCorpus, trainRecognizer } from './nlu/recognizer.js';
import { fileModelCache } from './nlu/modelCache.js';
import { vocabularyOf, type Vocabulary } from './nlu/entities.js';
import { openConfiguredStore } from './store/open.js';
import { ProactiveSender } from './notify/sender.js';
import { createBotTransport } from './notify/transport.js';
import { NLU_DIR, packageVersion } from './paths.js';
import { createServer, listen } from './bot/server.js';
import { addNotifyRoute } from './bot/notifyEndpoint.js';
import { addDigestDownloadRoute } from './bot/digestDownload.js';
import { addExportDownloadRoute } from './bot/exportDownload.js';
import { LinkSigner } from './digest/links.js';
import { BackgroundWork } from './bot/background.js';
import { linkKeyOf } from './services/linkKey.js';
import { startScheduler } from './notify/scheduler.js';
import { runReminders, type RunReport } from './services/reminders.js';
import { chaseObjectivesRound } from './services/objectiveRound.js';
import { roundDeps } from './bot/routes/strategy.js';
import { reminderDeps } from './bot/reminderDeps.js';
import { chaseRound } from './services/relevanceRound.js';
import { registerOptions, registerSummary } from './services/registerSummary.js';

export interface Runtime {
    deps: BotDeps;
    app: BotApp;
    server: Server;
    url: string;
    /** A reminder run now (what the scheduler and `POST /api/notify` do). */
    runReminders(dryRun?: boolean): Promise<RunReport>;
    stop(): Promise<void>;
}

export interface RuntimeOptions {
    clock?: Clock;
    /** The bot's features (default: all of them, as configured for production). */
    features?: readonly Feature[];
    /** The language model (default: the configured one, or none); tests pass a `TestModel`. */
    model?: PromptCompletionModel;
}

export async function startRuntime(config: Config, log: Logger, options: RuntimeOptions = {}): Promise<Runtime> {
    const clock = options.clock ?? systemClock;
    const store = await openConfiguredStore(config, { seed: true });
    const corpus = readCorpus(NLU_DIR);
    // Names are read from the store at each message, so groups and documents added later are known at once.
    // The names are worked out again only when the store's data changes (each write replaces it).
    let names: { data: unknown; vocabulary: Vocabulary } | undefined;
    const vocabulary = (): Vocabulary => {
        const data = store.read();
        if (names?.data !== data) names = { data, vocabulary: vocabularyOf(data, corpus.entities) };
        return names.vocabulary;
    };
    const modelCache =
        config.nluModelCache === undefined
            ? undefined
            : fileModelCache(
                  config.nluModelCache,
                  (reason, detail) => {
                      if (reason !== 'missing')
                          log.info(
                              { file: config.nluModelCache, reason, detail },
                              'the kept language model was not used',
                          );
                  },
                  (err) =>
                      log.warn(
                          { file: config.nluModelCache, err: err.message },
                          'the language model could not be kept',
                      ),
              );
    const recognizer = await trainRecognizer(corpus, { vocabulary, modelCache });
    log.info(
        { trainingMs: Math.round(recognizer.trainingMs), intents: recognizer.intents.length, model: recognizer.model },
        recognizer.model === 'cached' ? 'language understanding loaded' : 'language understanding trained',
    );
    const adapter = createAdapter(config);
    const transport = createBotTransport(adapter, config.auth.appId ?? '');
    const sender = new ProactiveSender(transport, {
        ratePerSecond: config.sendRatePerSecond,
        maxInFlight: config.sendMaxInFlight,
    });
    const links = new LinkSigner(config.linkSecret ?? (await linkKeyOf(store)));
    const deps: BotDeps = {
        config,
        store,
        clock,
        log,
        recognizer,
        transport,
        sender,
        links,
        background: new BackgroundWork(log),
        registerSummary: (now) => {
            const data = store.read();
            return registerSummary(data, now, registerOptions(config, data.settings));
        },
    };
    const app = createApp(deps, { adapter, startTypingTimer: true, features: options.features, model: options.model });
    const reminders = reminderDeps(deps);
    // Any number of instances may be triggered; one at a time plans and sends (so the app-wide send
    // ceiling holds across them), and the ledger's claims keep each reminder to one send regardless.
    // A check triggered while another instance runs one is answered by that run when it finishes
    // (`coalesce`), rather than planning everything again; one whose holder died takes over.
    const runReminderCheck = async (dryRun = false): Promise<RunReport> => {
        if (dryRun) return runReminders(reminders, clock(), { dryRun });
        const done = await store.exclusive(
            'reminders',
            async () => {
                const report = await runReminders(reminders, clock(), { dryRun });
                // A relevance round's unanswered cards are chased by the same run, through the same ledger.
                const data = store.read();
                const chased = await chaseRound(
                    reminders,
                    registerOptions(config, data.settings),
                    config.roundChaseWorkingDays,
                    clock(),
                );
                if (chased) report.messages.push(...chased.messages);
                // Chairs who have not answered the objectives round too.
                await chaseObjectivesRound(roundDeps(deps), clock()).catch((err: unknown) =>
                    log.error({ err: (err as Error).message }, 'chasing the objectives round failed'),
                );
                return report;
            },
            { coalesce: true },
        );
        if (done.ran) return done.result;
        log.info(
            done.finished
                ? 'reminder check answered by the run another instance finished meanwhile'
                : 'reminder check skipped: another instance is running reminders',
        );
        return { runId: '', at: clock().toISOString(), dryRun, messages: [], unconfirmed: 0 };
    };
    const server = createServer({
        config,
        log,
        adapter,
        app,
        storeFile: store.file,
        version: packageVersion(),
        routes: (s) => {
            addNotifyRoute(s, config.notifyToken, runReminderCheck);
            addDigestDownloadRoute(s, deps);
            addExportDownloadRoute(s, deps);
        },
    });
    const scheduler = config.scheduler
        ? startScheduler(config.reminders.cron, config.timeZone, () => runReminderCheck(), log)
        : undefined;
    const { port, host } = await listen(server, config.port, config.host);
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    return {
        deps,
        app,
        server,
        url,
        runReminders: runReminderCheck,
        stop: () => {
            scheduler?.stop();
            return new Promise<void>((resolve) => {
                server.close(() => {
                    resolve();
                });
            })
                .then(() => deps.background.idle())
                .then(() => store.close());
        },
    };
}
