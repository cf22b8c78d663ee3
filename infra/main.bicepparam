using './main.bicep'

// Values for a deployment of the seed's setup. Secrets never live here: the two AWS keys are read from the environment
// of whoever deploys (the same variables the AWS CLI uses), and the template moves them into Key Vault.

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
