using System.Text.Json.Nodes;

namespace Booking.Infrastructure.Tests;

/// <summary>
/// The settings the app reads, taken from local.settings.sample.json (the one list of them), and how each must appear in
/// the Azure deployment.
/// </summary>
public static class AzureSettings
{
    /// <summary>Settings of the local sample that are deliberately not app settings in Azure, and why.</summary>
    public static readonly IReadOnlyDictionary<string, string> NotAppSettingsInAzure = new Dictionary<string, string>
    {
        ["DynamoDb__ServiceUrl"] =
            "local only: it points the AWS SDK at dynalite; unset in Azure, the SDK uses the region's DynamoDB endpoint",
        ["FUNCTIONS_WORKER_RUNTIME"] =
            "Flex Consumption rejects it as an app setting; the template sets functionAppConfig.runtime to dotnet-isolated instead",
        ["Auth__OperatorFieldsWithoutKey"] =
            "local only: it opens confirmPayment and checkOut to anyone on a developer's machine; in Azure they need the operator key or stay off",
        ["AzureWebJobsStorage"] =
            "a connection string locally; in Azure the identity-based AzureWebJobsStorage__* settings replace it, so no key exists",
    };

    /// <summary>Settings the app reads only in Azure, which the local sample therefore does not carry.</summary>
    public static readonly IReadOnlyList<string> AzureOnly =
        ["APPLICATIONINSIGHTS_CONNECTION_STRING", "APPLICATIONINSIGHTS_AUTHENTICATION_STRING"];

    public static IReadOnlyList<string> SampleSettings { get; } = ReadSample();

    /// <summary>Every setting the function app needs as an app setting in Azure.</summary>
    public static IReadOnlyList<string> RequiredAppSettings { get; } =
        [.. SampleSettings.Where(name => !NotAppSettingsInAzure.ContainsKey(name)).Concat(AzureOnly)];

    /// <summary>The required settings a compiled template lacks.</summary>
    public static IReadOnlyList<string> MissingFrom(CompiledTemplate template) =>
        [.. RequiredAppSettings.Where(name => !template.AppSettings.ContainsKey(name))];

    private static List<string> ReadSample()
    {
        var sample = JsonNode.Parse(File.ReadAllText(InfraPaths.LocalSettingsSample))!;
        return [.. sample["Values"]!.AsObject().Select(pair => pair.Key)];
    }
}
