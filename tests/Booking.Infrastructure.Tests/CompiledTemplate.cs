using System.Text.Json;
using System.Text.Json.Nodes;

namespace Booking.Infrastructure.Tests;

/// <summary>An ARM template compiled by bicep, with the lookups the tests need.</summary>
public sealed class CompiledTemplate
{
    private readonly JsonObject? json;

    private CompiledTemplate(BicepResult build, JsonObject? json)
    {
        Build = build;
        this.json = json;
    }

    public BicepResult Build { get; }

    public JsonObject Json => json ?? throw new InvalidOperationException($"The template did not build: {Build}");

    public static async Task<CompiledTemplate> BuildAsync(string bicepFile)
    {
        var build = await BicepCli.RunAsync(["build", bicepFile, "--stdout"]);
        var json = build.ExitCode == 0 ? JsonNode.Parse(build.StandardOutput)?.AsObject() : null;
        return new CompiledTemplate(build, json);
    }

    /// <summary>Resources of one type; bicep emits an array, or an object keyed by symbolic name in language version 2.</summary>
    public IReadOnlyList<JsonObject> Resources(string type)
    {
        var resources = Json["resources"] switch
        {
            JsonArray array => array.Select(node => node!.AsObject()),
            JsonObject symbolic => symbolic.Select(pair => pair.Value!.AsObject()),
            _ => [],
        };
        return [.. resources.Where(resource => (string?)resource["type"] == type)];
    }

    public JsonObject SingleResource(string type) => Assert.Single(Resources(type));

    public JsonObject FunctionApp => SingleResource("Microsoft.Web/sites");

    /// <summary>A parameter's declaration (type, default, bounds).</summary>
    public JsonObject Parameter(string name) =>
        Json["parameters"]?[name]?.AsObject() ?? throw new KeyNotFoundException($"The template declares no parameter {name}.");

    /// <summary>A property as text: an ARM expression or literal string as it stands, anything else as its JSON.</summary>
    public static string Text(JsonNode? node) =>
        node?.GetValueKind() == JsonValueKind.String ? (string)node! : node?.ToJsonString() ?? string.Empty;

    /// <summary>The function app's app settings, name to value (an ARM expression in brackets or a literal).</summary>
    public IReadOnlyDictionary<string, string> AppSettings =>
        FunctionApp["properties"]?["siteConfig"]?["appSettings"]?.AsArray()
            .Select(setting => setting!.AsObject())
            .ToDictionary(setting => (string)setting["name"]!, setting => (string)setting["value"]!)
        ?? new Dictionary<string, string>();
}
