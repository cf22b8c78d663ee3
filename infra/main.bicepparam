using './main.bicep'

// Values for a deployment of the seed's setup, for `az deployment group create` and for `azd up` alike (azd prefers
// this file to a main.parameters.json). Secrets never live here: they are read from the environment of whoever deploys
// (the AWS keys under the names the AWS CLI uses), or under azd from the azd environment (`azd env set`), and the
// template moves them into Key Vault.

param namePrefix = 'booking'
param dynamoDbRegion = 'us-east-1'
param dynamoDbTableName = 'Apartments'
param taskHubName = 'BookingHub'
param paymentWindow = '00:15:00'
param defaultApartmentId = '1234567'

param awsAccessKeyId = readEnvironmentVariable('AWS_ACCESS_KEY_ID')
param awsSecretAccessKey = readEnvironmentVariable('AWS_SECRET_ACCESS_KEY')
param paymentWebhookSecret = readEnvironmentVariable('PAYMENT_WEBHOOK_SECRET')
param operatorKey = readEnvironmentVariable('OPERATOR_KEY', '')
