/** The Bot Framework adapter: authentication on with a bot id, off (loopback only) without one. */
import { TeamsAdapter } from '@microsoft/teams-ai';
import { ConfigurationServiceClientCredentialFactory } from 'botbuilder';
import type { Config } from '../config.js';

export function createAdapter(config: Config): TeamsAdapter {
    const { appId, appPassword, tenantId, appType } = config.auth;
    const credentials = new ConfigurationServiceClientCredentialFactory({
        MicrosoftAppId: appId ?? '',
        MicrosoftAppPassword: appPassword ?? '',
        MicrosoftAppTenantId: tenantId ?? '',
        MicrosoftAppType: appType,
    });
    return new TeamsAdapter(
        {
            MicrosoftAppId: appId ?? '',
            MicrosoftAppPassword: appPassword ?? '',
            MicrosoftAppTenantId: tenantId ?? '',
            MicrosoftAppType: appType,
        },
        credentials,
    );
}
