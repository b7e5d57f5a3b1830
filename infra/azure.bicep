// The KHG Partnership Bot on Azure: an App Service (Linux, Node 20, always on, health check /healthz),
// a user-assigned managed identity that is both the bot's identity (Azure Bot with msaAppType
// UserAssignedMSI: no client secret) and the store's (Storage Blob Data Contributor on the account),
// the Azure Bot with the Teams channel, and the storage account with the store's container.
// `atk provision` deploys it with azure.parameters.json; outputs become env/.env.<env> variables.

@maxLength(16)
@minLength(3)
@description('Start of every resource name: lower-case letters and digits.')
param resourceBaseName string

@description('App Service plan SKU. B1 or above: alwaysOn needs a dedicated plan.')
param webAppSku string = 'B1'

@minValue(1)
@maxValue(10)
@description('Instances of the bot. More than one needs the Azure Blob store (STORE_BACKEND=azure-blob), which this template configures.')
param instanceCount int = 1

@description('Azure Bot SKU: F0 (free) or S1.')
param botServiceSku string = 'F0'

@maxLength(42)
param botDisplayName string = 'KHG Partnership'

@description('The partnership time zone (TIME_ZONE).')
param timeZone string = 'Europe/London'

@description('The blob container that holds the store (STORE_CONTAINER).')
param storeContainer string = 'khg-bot'

param location string = resourceGroup().location

var identityName = '${resourceBaseName}-identity'
var planName = '${resourceBaseName}-plan'
var webAppName = '${resourceBaseName}-app'
var storageName = take('${resourceBaseName}store', 24)
// Storage Blob Data Contributor (built-in role).
var blobDataContributor = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: identityName
  location: location
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageName
  location: location
  kind: 'StorageV2'
  sku: { name: 'Standard_ZRS' }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    // Only Entra identities (the managed identity, and people with a data role): no account keys.
    allowSharedKeyAccess: false
    supportsHttpsTrafficOnly: true
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
  properties: {
    // Deleted or overwritten blobs can be brought back for 14 days, beside `npx khg-bot backup`.
    deleteRetentionPolicy: { enabled: true, days: 14 }
    isVersioningEnabled: true
  }
}

resource container 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: storeContainer
  properties: { publicAccess: 'None' }
}

resource storeRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: storage
  name: guid(storage.id, identity.id, blobDataContributor)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', blobDataContributor)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: planName
  location: location
  kind: 'linux'
  sku: { name: webAppSku, capacity: instanceCount }
  properties: { reserved: true }
}

resource webApp 'Microsoft.Web/sites@2023-12-01' = {
  name: webAppName
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      linuxFxVersion: 'NODE|20-lts'
      alwaysOn: true
      healthCheckPath: '/healthz'
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      // As `npm start` runs the built bot, without building again (the deployment built it).
      appCommandLine: 'node --no-deprecation --max-old-space-size=160 --max-semi-space-size=4 dist/src/index.js'
      appSettings: [
        { name: 'BOT_ID', value: identity.properties.clientId }
        { name: 'BOT_TENANT_ID', value: identity.properties.tenantId }
        { name: 'BOT_TYPE', value: 'UserAssignedMsi' }
        { name: 'STORE_BACKEND', value: 'azure-blob' }
        { name: 'STORE_ACCOUNT_URL', value: storage.properties.primaryEndpoints.blob }
        { name: 'STORE_MANAGED_IDENTITY_CLIENT_ID', value: identity.properties.clientId }
        { name: 'STORE_CONTAINER', value: storeContainer }
        { name: 'TIME_ZONE', value: timeZone }
        { name: 'PUBLIC_URL', value: 'https://${webAppName}.azurewebsites.net' }
      ]
    }
  }
  dependsOn: [storeRole, container]
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: resourceBaseName
  location: 'global'
  kind: 'azurebot'
  sku: { name: botServiceSku }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${webApp.properties.defaultHostName}/api/messages'
    msaAppId: identity.properties.clientId
    msaAppType: 'UserAssignedMSI'
    msaAppMSIResourceId: identity.id
    msaAppTenantId: identity.properties.tenantId
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
  }
}

// Written to env/.env.<env> by `atk provision` (the names are the variables).
output BOT_ID string = identity.properties.clientId
output BOT_TENANT_ID string = identity.properties.tenantId
output BOT_DOMAIN string = webApp.properties.defaultHostName
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output STORE_ACCOUNT_URL string = storage.properties.primaryEndpoints.blob
