/** The Bot Framework adapter: authentication on with a bot id, off (loopback only) without one. */
import { TeamsAdapter } from '@microsoft/teams-ai';
import {
    ConfigurationServiceClientCredentialFactory,
    type Activity,
    type InvokeResponse,
    type TurnContext,
} from 'botbuilder';
import { AuthenticationError, type AuthenticateRequestResult } from 'botframework-connector';
import type { Config } from '../config.js';

const TOKEN_ERRORS = new Set(['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError']);

/**
 * botbuilder answers 500 when the token library rejects a token (a bad signature, say) rather than
 * raising its own AuthenticationError; every rejected token is a 401 here.
 */
class BotAdapter extends TeamsAdapter {
    override async processActivity(
        auth: string | AuthenticateRequestResult,
        activity: Activity,
        logic: (context: TurnContext) => Promise<void>,
    ): Promise<InvokeResponse | undefined> {
        try {
            return typeof auth === 'string'
                ? await super.processActivity(auth, activity, logic)
                : await super.processActivity(auth, activity, logic);
        } catch (err) {
            if (TOKEN_ERRORS.has((err as Error)?.name)) throw new AuthenticationError((err as Error).message, 401);
            throw err;
        }
    }
}

export function createAdapter(config: Config): TeamsAdapter {
    const { appId, appPassword, tenantId, appType } = config.auth;
    const settings = {
        MicrosoftAppId: appId ?? '',
        MicrosoftAppPassword: appPassword ?? '',
        MicrosoftAppTenantId: tenantId ?? '',
        // With no app id (authentication off) there is no registration to be single-tenant: botbuilder's
        // anonymous mode is its multi-tenant factory with no credentials.
        MicrosoftAppType: appId ? appType : 'MultiTenant',
    };
    // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment -- botbuilder's credential factories implement ServiceClientCredentialsFactory rather than extend it; this is its documented set-up, and nothing checks the factory with instanceof
    return new BotAdapter(settings, new ConfigurationServiceClientCredentialFactory(settings));
}
