using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;

namespace Booking.Core.Configuration;

/// <summary>Builds the DynamoDB client from validated options.</summary>
public static class DynamoDbClientFactory
{
    public static IAmazonDynamoDB Create(DynamoDbOptions options)
    {
        var config = new AmazonDynamoDBConfig
        {
            // Short timeouts: a stalled store should fail fast into the activity retry policy, not hang a work item.
            Timeout = TimeSpan.FromSeconds(10),
            MaxErrorRetry = 2,
        };

        if (string.IsNullOrEmpty(options.ServiceUrl))
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
            return new AmazonDynamoDBClient(config);
        }

        config.ServiceURL = options.ServiceUrl;
        config.AuthenticationRegion = options.Region;

        // A local emulator ignores credentials, so a laptop without an AWS profile still works; real ones from the
        // environment win when present.
        AWSCredentials credentials;
        try
        {
            credentials = DefaultAWSCredentialsIdentityResolver.GetCredentials();
        }
        catch (AmazonClientException)
        {
            credentials = new BasicAWSCredentials("local", "local");
        }

        return new AmazonDynamoDBClient(credentials, config);
    }
}
