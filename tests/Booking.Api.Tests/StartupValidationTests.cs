using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Booking.Api.Tests;

/// <summary>Settings the API refuses at start-up, with a message that names the setting.</summary>
public sealed class StartupValidationTests
{
    private const string PublishedSecret = "local-development-webhook-secret";

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public async Task A_host_outside_Development_refuses_to_start_with_the_published_webhook_secret(string environment)
    {
        using var host = HostWith(environment, new() { ["Payments:WebhookSecret"] = PublishedSecret });

        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Payments:WebhookSecret is the published local development secret", refused.Message, StringComparison.Ordinal);
        Assert.Contains($"this host runs as '{environment}', not Development", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Development", PublishedSecret)]
    [InlineData("Production", "a-secret-of-our-own")]
    [InlineData("Production", null)]
    public async Task A_host_starts_with_the_published_secret_in_Development_or_with_its_own_secret_anywhere(string environment, string? secret)
    {
        using var host = HostWith(environment, new() { ["Payments:WebhookSecret"] = secret });

        await host.StartAsync();
        await host.StopAsync();
    }

    [Fact]
    public void Fewer_than_one_root_field_stops_start_up()
    {
        var result = new GraphQLApiOptionsValidator().Validate(null, new GraphQLApiOptions { MaxRootFields = 0 });

        Assert.True(result.Failed);
        Assert.Contains("GraphQL:MaxRootFields must be at least 1; got 0.", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Trusted_documents_only_without_a_manifest_stops_start_up()
    {
        var result = new GraphQLApiOptionsValidator().Validate(null, new GraphQLApiOptions { TrustedDocumentsOnly = true });

        Assert.True(result.Failed);
        Assert.Contains("GraphQL:TrustedDocumentsOnly needs GraphQL:TrustedDocumentsFile", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_manifest_whose_id_is_not_its_documents_hash_stops_start_up()
    {
        var manifest = Path.Combine(Path.GetTempPath(), "manifest-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(manifest, """{"format":"apollo-persisted-query-manifest","version":1,"operations":[{"id":"0000000000000000000000000000000000000000000000000000000000000000","name":"Q","type":"query","body":"{ __typename }"}]}""");
        try
        {
            var result = new GraphQLApiOptionsValidator().Validate(null, new GraphQLApiOptions { TrustedDocumentsOnly = true, TrustedDocumentsFile = manifest });

            Assert.True(result.Failed);
            Assert.Contains("its id is not the SHA-256 of its body", result.FailureMessage, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(manifest);
        }
    }

    private static IHost HostWith(string environment, Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = environment, DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddBookingApi();
        return builder.Build();
    }
}
