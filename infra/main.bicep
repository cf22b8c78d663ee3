// The Azure counterpart of the seed's CDK stack: where the seed had a Lambda behind AppSync and a Step Functions state
// machine, this deploys one Function App that serves /api/graphql and runs the workflow with Durable Functions. The
// DynamoDB tables stay on AWS (the seed's apartment table works unchanged), so AWS credentials are an input kept in
// Key Vault. The Azure Developer CLI deploys it too (azure.yaml names the Function App's service).

@description('Region for every resource; the resource group\'s by default.')
param location string = resourceGroup().location

@description('Short prefix for resource names.')
@minLength(3)
@maxLength(12)
param namePrefix string = 'booking'

@description('AWS region of the DynamoDB apartment table.')
param dynamoDbRegion string = 'us-east-1'

@description('Name of the DynamoDB apartment table (string partition key "Id", as the seed created it).')
@minLength(3)
param dynamoDbTableName string = 'Apartments'

@description('Name of the DynamoDB reservation table: one record per reservation (string partition key "Id", indexes byApartment, byCreation and byOpenHold; docs/deploy.md creates it).')
@minLength(3)
param dynamoDbReservationsTableName string = 'Reservations'

@description('Durable Functions task hub: the name of the queues and tables the workflow keeps its state in (3-45 letters and digits, starting with a letter).')
@minLength(3)
@maxLength(45)
param taskHubName string = 'BookingHub'

@description('Control-queue partitions of the task hub: at most this many instances run orchestrations at once, each partition on one instance. Fixed when the hub is created; another value needs a new taskHubName.')
@minValue(1)
@maxValue(16)
param partitionCount int = 4

@description('How long a reservation holds an apartment while waiting for payment (TimeSpan, d.hh:mm:ss).')
param paymentWindow string = '00:15:00'

@description('The shortest payment window a client may ask for.')
param minPaymentWindow string = '00:00:01'

@description('The longest payment window a client may ask for.')
param maxPaymentWindow string = '7.00:00:00'

@description('The apartment the seed\'s addStepFunction mutation reserves when its input names none.')
param defaultApartmentId string = '1234567'

@description('How long reserveApartment waits for the hold decision before answering REQUESTED.')
param holdDecisionTimeout string = '00:00:05'

@description('How long past its deadline a hold may stay before the sweeper releases it as orphaned.')
param sweepGracePeriod string = '00:05:00'

@description('When the sweeper looks for orphaned holds: an NCRONTAB expression with seconds (Flex Consumption does not run TimeSpan schedules).')
param sweepSchedule string = '0 * * * * *'

@description('How long the task hub keeps the workflow history of an ended reservation before a timer purges it (TimeSpan); 00:00:00 turns purging off. The reservation record in DynamoDB stays.')
param historyRetention string = '30.00:00:00'

@description('When the history purge runs: an NCRONTAB expression with seconds.')
param historyPurgeSchedule string = '0 30 * * * *'

@description('Apartments one client address may hold at once; 0 turns the limit off.')
@minValue(0)
param maxActiveHoldsPerClient int = 5

@description('Reservations one client address may start per minute, counted across instances; 0 turns the limit off.')
@minValue(0)
param maxReservationsPerClientPerMinute int = 30

@description('The longest payment window a client (not an operator) may ask for.')
param maxClientPaymentWindow string = '00:30:00'

@description('Take the client address from the first address of X-Forwarded-For. True in Azure: requests reach the app through Azure\'s front ends, which set that header.')
param trustForwardedFor bool = true

@description('Largest GraphQL request body in bytes; larger requests get 413.')
@minValue(1024)
param graphQLMaxRequestBytes int = 65536

@description('Deepest GraphQL selection a request may make.')
@minValue(2)
param graphQLMaxDepth int = 10

@description('Highest GraphQL complexity score a request may have.')
@minValue(10)
param graphQLMaxComplexity int = 2000

@description('Deepest document of introspection alone allowed (GraphiQL\'s is 15 deep).')
@minValue(2)
param graphQLMaxIntrospectionDepth int = 15

@description('Run only the documents of the trusted documents manifest (the ones the apps ship).')
param graphQLTrustedDocumentsOnly bool = false

@description('The trusted documents manifest (apollo-persisted-query-manifest JSON), relative to the app\'s folder; empty for none.')
param graphQLTrustedDocumentsFile string = ''

@description('Most root fields one operation may select (aliases and fragments included).')
@minValue(1)
param graphQLMaxRootFields int = 20

@description('Items in a page of a list when the client does not ask with first.')
@minValue(1)
param graphQLDefaultPageSize int = 100

@description('The most items a client may ask for in one page.')
@minValue(1)
@maxValue(5000)
param graphQLMaxPageSize int = 250

@description('Serve the GraphiQL IDE at GET /api/graphql to a browser (with the function key in ?code=). Off in Azure unless asked for.')
param enableGraphiQL bool = false

@description('Browser origins allowed to call the API from their pages (CORS), e.g. https://app.example.com. None by default.')
param corsAllowedOrigins array = []

@description('Upper bound on Flex Consumption instances; DynamoDB on-demand capacity is the usual limit, not the app.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Memory per Flex Consumption instance in MB.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('Access key id of the AWS IAM identity allowed to use the table. Stored in Key Vault, never in app settings.')
@secure()
@minLength(16)
param awsAccessKeyId string

@description('Secret access key of that AWS IAM identity. Stored in Key Vault, never in app settings.')
@secure()
@minLength(1)
param awsSecretAccessKey string

@description('The secret the payment provider signs its webhooks with (POST /api/payments/webhook); kept in Key Vault. No default: without it no payment can be confirmed by the provider.')
@secure()
@minLength(16)
param paymentWebhookSecret string

@description('The key operators send in the x-operator-key header to use confirmPayment and checkOut; kept in Key Vault. Empty (the default): those fields are turned off, and payments are confirmed only by the provider\'s webhook.')
@secure()
param operatorKey string = ''

// Bicep has no regular expressions: the name is valid when every character is a letter or digit and the first a letter.
var letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'
var taskHubNameIsValid = contains(letters, first(taskHubName)) && empty(filter(
  map(range(0, length(taskHubName)), i => substring(taskHubName, i, 1)),
  c => !contains('${letters}0123456789', c)))

var suffix = uniqueString(resourceGroup().id, namePrefix)
var functionAppName = '${namePrefix}-func-${suffix}'
// Storage account and Key Vault names are global and short: letters and digits only for storage, 24 characters each.
var storageAccountName = take(toLower('${replace(namePrefix, '-', '')}st${suffix}'), 24)
var keyVaultName = take('${namePrefix}-kv-${suffix}', 24)
var deploymentContainerName = 'app-package'

// Built-in role definition ids (the same in every tenant).
var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

// The app's own default for local runs (local.settings.sample.json); anyone who read the repository could sign payments
// with it, so a deployment that was given it fails.
var localWebhookSecret = 'local-development-webhook-secret'

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2025-02-01' = {
  name: '${namePrefix}-log-${suffix}'
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${namePrefix}-appi-${suffix}'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
    // Telemetry is accepted only from Entra ID identities (the app's), never from whoever knows the connection string.
    DisableLocalAuth: true
  }
}

resource storage 'Microsoft.Storage/storageAccounts@2025-01-01' = {
  name: storageAccountName
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    // Everything that touches this account (the Functions host, Durable Functions, the deployment package) signs in
    // with the app's managed identity, so account keys are switched off.
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
  }

  resource blobServices 'blobServices' = {
    name: 'default'

    resource deploymentContainer 'containers' = {
      name: deploymentContainerName
    }
  }
}

// A user-assigned identity exists before the app does, so its role assignments are in place when the app first starts
// and Key Vault references resolve on the first try (a system-assigned identity would be granted access only after the
// app had already tried).
resource appIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: '${namePrefix}-id-${suffix}'
  location: location
}

resource storageRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in [roles.storageBlobDataOwner, roles.storageQueueDataContributor, roles.storageTableDataContributor]: {
    name: guid(storage.id, appIdentity.id, roleId)
    scope: storage
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
      principalId: appIdentity.properties.principalId
      principalType: 'ServicePrincipal'
    }
  }
]

resource keyVault 'Microsoft.KeyVault/vaults@2025-05-01' = {
  name: keyVaultName
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    // A deleted vault and its secrets cannot be purged before the retention ends, not even by an owner.
    enablePurgeProtection: true
  }

  resource awsAccessKeyIdSecret 'secrets' = {
    name: 'aws-access-key-id'
    properties: {
      value: awsAccessKeyId
    }
  }

  resource awsSecretAccessKeySecret 'secrets' = {
    name: 'aws-secret-access-key'
    properties: {
      value: awsSecretAccessKey
    }
  }

  resource paymentWebhookSecretSecret 'secrets' = {
    name: 'payment-webhook-secret'
    properties: {
      value: paymentWebhookSecret != localWebhookSecret
        ? paymentWebhookSecret
        : fail('paymentWebhookSecret is the app\'s local development default; give the secret your payment provider signs webhooks with.')
    }
  }

  resource operatorKeySecret 'secrets' = if (!empty(operatorKey)) {
    name: 'operator-key'
    properties: {
      value: operatorKey
    }
  }
}

resource keyVaultRoleAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(keyVault.id, appIdentity.id, roles.keyVaultSecretsUser)
  scope: keyVault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// With local authentication off, Application Insights takes telemetry only from identities holding this role.
resource appInsightsRoleAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, appIdentity.id, roles.monitoringMetricsPublisher)
  scope: appInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// Plan choice: Flex Consumption (FC1). It runs .NET 10 isolated on Linux, supports Durable Functions with the Azure
// Storage backend, scales to zero between reservations (a payment window is a durable timer, not a running instance),
// and takes identity-based connections for both AzureWebJobsStorage and the deployment package. Elastic Premium (EP1)
// would add always-warm instances at a fixed monthly cost that this workload does not need.
resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: '${namePrefix}-plan-${suffix}'
  location: location
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

resource functionApp 'Microsoft.Web/sites@2025-03-01' = {
  name: functionAppName
  location: location
  kind: 'functionapp,linux'
  // azd publishes the service of this name in azure.yaml to the resource carrying the tag.
  tags: {
    'azd-service-name': 'api'
  }
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${appIdentity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: appIdentity.id
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: appIdentity.id
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      // Flex Consumption takes the worker runtime here; it rejects FUNCTIONS_WORKER_RUNTIME as an app setting.
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      // No ftpsState: Flex Consumption rejects the property; the 'ftp' credentials policy below keeps FTP closed.
      cors: {
        allowedOrigins: corsAllowedOrigins
        supportCredentials: false
      }
      appSettings: [
        // Identity-based host storage: no connection string, the user-assigned identity signs in.
        {
          name: 'AzureWebJobsStorage__credential'
          value: 'managedidentity'
        }
        {
          name: 'AzureWebJobsStorage__clientId'
          value: appIdentity.properties.clientId
        }
        {
          name: 'AzureWebJobsStorage__blobServiceUri'
          value: storage.properties.primaryEndpoints.blob
        }
        {
          name: 'AzureWebJobsStorage__queueServiceUri'
          value: storage.properties.primaryEndpoints.queue
        }
        {
          name: 'AzureWebJobsStorage__tableServiceUri'
          value: storage.properties.primaryEndpoints.table
        }
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: appInsights.properties.ConnectionString
        }
        // Local authentication is off: the host signs in to Application Insights with the user-assigned identity.
        {
          name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING'
          value: 'ClientId=${appIdentity.properties.clientId};Authorization=AAD'
        }
        {
          name: 'TaskHubName'
          value: taskHubNameIsValid ? taskHubName : fail('taskHubName must be 3-45 letters and digits and start with a letter; the Functions host refuses any other name at start-up.')
        }
        // Overrides host.json's extensions.durableTask.storageProvider.partitionCount.
        {
          name: 'AzureFunctionsJobHost__extensions__durableTask__storageProvider__partitionCount'
          value: string(partitionCount)
        }
        {
          name: 'DynamoDb__Region'
          value: dynamoDbRegion
        }
        {
          name: 'DynamoDb__TableName'
          value: dynamoDbTableName
        }
        {
          name: 'DynamoDb__ReservationsTableName'
          value: dynamoDbReservationsTableName
        }
        // The AWS SDK's credential chain reads these two environment variables; the platform resolves the references
        // with the app's identity, so the keys live only in Key Vault.
        {
          name: 'AWS_ACCESS_KEY_ID'
          value: '@Microsoft.KeyVault(SecretUri=${keyVault::awsAccessKeyIdSecret.properties.secretUri})'
        }
        {
          name: 'AWS_SECRET_ACCESS_KEY'
          value: '@Microsoft.KeyVault(SecretUri=${keyVault::awsSecretAccessKeySecret.properties.secretUri})'
        }
        {
          name: 'Payments__WebhookSecret'
          value: '@Microsoft.KeyVault(SecretUri=${keyVault::paymentWebhookSecretSecret.properties.secretUri})'
        }
        // Empty turns the operator fields off; the app reads an empty key as none.
        {
          name: 'Auth__OperatorKey'
          value: empty(operatorKey) ? '' : '@Microsoft.KeyVault(SecretUri=${keyVault.properties.vaultUri}secrets/operator-key)'
        }
        {
          name: 'Reservation__PaymentWindow'
          value: paymentWindow
        }
        {
          name: 'Reservation__MinPaymentWindow'
          value: minPaymentWindow
        }
        {
          name: 'Reservation__MaxPaymentWindow'
          value: maxPaymentWindow
        }
        {
          name: 'Reservation__DefaultApartmentId'
          value: defaultApartmentId
        }
        {
          name: 'Reservation__HoldDecisionTimeout'
          value: holdDecisionTimeout
        }
        {
          name: 'Reservation__SweepGracePeriod'
          value: sweepGracePeriod
        }
        {
          name: 'Reservation__SweepSchedule'
          value: sweepSchedule
        }
        {
          name: 'Reservation__HistoryRetention'
          value: historyRetention
        }
        {
          name: 'Reservation__HistoryPurgeSchedule'
          value: historyPurgeSchedule
        }
        {
          name: 'Reservation__MaxActiveHoldsPerClient'
          value: string(maxActiveHoldsPerClient)
        }
        {
          name: 'Reservation__MaxReservationsPerClientPerMinute'
          value: string(maxReservationsPerClientPerMinute)
        }
        {
          name: 'Reservation__MaxClientPaymentWindow'
          value: maxClientPaymentWindow
        }
        {
          name: 'Reservation__TrustForwardedFor'
          value: string(trustForwardedFor)
        }
        {
          name: 'GraphQL__MaxRequestBytes'
          value: string(graphQLMaxRequestBytes)
        }
        {
          name: 'GraphQL__MaxDepth'
          value: string(graphQLMaxDepth)
        }
        {
          name: 'GraphQL__MaxComplexity'
          value: string(graphQLMaxComplexity)
        }
        {
          name: 'GraphQL__MaxIntrospectionDepth'
          value: string(graphQLMaxIntrospectionDepth)
        }
        {
          name: 'GraphQL__MaxRootFields'
          value: string(graphQLMaxRootFields)
        }
        {
          name: 'GraphQL__TrustedDocumentsOnly'
          value: string(graphQLTrustedDocumentsOnly)
        }
        {
          name: 'GraphQL__TrustedDocumentsFile'
          value: graphQLTrustedDocumentsFile
        }
        {
          name: 'GraphQL__DefaultPageSize'
          value: string(graphQLDefaultPageSize)
        }
        {
          name: 'GraphQL__MaxPageSize'
          value: string(graphQLMaxPageSize)
        }
        {
          name: 'GraphQL__EnableGraphiQL'
          value: string(enableGraphiQL)
        }
      ]
    }
  }
  // The app must not start before its identity can reach storage, Key Vault and Application Insights.
  dependsOn: [
    storageRoleAssignments
    keyVaultRoleAssignment
    appInsightsRoleAssignment
    keyVault::operatorKeySecret
    storage::blobServices::deploymentContainer
  ]
}

// Publishing signs in with Entra ID (az, azd); the app's FTP and SCM user names and passwords stay off.
resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: functionApp
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: functionApp
  name: 'scm'
  properties: {
    allow: false
  }
}

@description('The function app\'s name (the seed\'s LambdaFunctionName output).')
output functionAppName string = functionApp.name

@description('The GraphQL endpoint; call it with the function key (the seed\'s AppSync Url output).')
output graphqlUrl string = 'https://${functionApp.properties.defaultHostName}/api/graphql'

@description('The Application Insights resource that receives the app\'s logs and traces.')
output applicationInsightsName string = appInsights.name

@description('The Key Vault holding the AWS credentials; rotate them there.')
output keyVaultName string = keyVault.name
