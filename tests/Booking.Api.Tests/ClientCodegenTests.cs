using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Booking.Testing;

namespace Booking.Api.Tests;

/// <summary>A front-end team's code generator (npm @graphql-codegen/cli, pinned in the lockfile) makes TypeScript
/// types from the committed schema.graphql and the README's documents: the schema file is usable, and every README
/// document is valid against it.</summary>
public sealed partial class ClientCodegenTests : IDisposable
{
    private readonly DirectoryInfo work = Directory.CreateTempSubdirectory("codegen-");

    [Fact]
    public async Task Codegen_writes_TypeScript_types_for_the_schema_and_every_README_document()
    {
        var documents = ReadmeDocuments();
        Assert.True(documents.Count >= 3, "The README should show its documents in gql '...' calls.");
        for (var i = 0; i < documents.Count; i++)
        {
            await File.WriteAllTextAsync(Path.Combine(work.FullName, $"readme-{i}.graphql"), documents[i]);
        }

        var output = Path.Combine(work.FullName, "types.ts");
        var config = Path.Combine(work.FullName, "codegen.json");
        await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["schema"] = SchemaTests.SchemaFile,
            ["documents"] = Path.Combine(work.FullName, "*.graphql"),
            ["generates"] = new Dictionary<string, object> { [output] = new { plugins = new[] { "typescript", "typescript-operations" } } },
        }));

        await using var codegen = ChildProcess.Start(RepositoryPaths.NodeBin("graphql-codegen"), ["--config", config]);
        var exited = await codegen.WaitForExitAsync(TimeSpan.FromMinutes(2));

        Assert.True(exited && codegen.ExitCode == 0, $"graphql-codegen failed:{Environment.NewLine}{codegen.Output}");
        var types = await File.ReadAllTextAsync(output);
        Assert.Contains("export type ReserveApartmentInput = {", types, StringComparison.Ordinal);
        Assert.Contains("export type Reservation = {", types, StringComparison.Ordinal);
        Assert.Contains("Mutation = {", types, StringComparison.Ordinal);
    }

    public void Dispose() => work.Delete(recursive: true);

    /// <summary>The GraphQL documents of the README's <c>gql '{"query": ...}'</c> calls.</summary>
    private static List<string> ReadmeDocuments()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"), Encoding.UTF8);
        return [.. GqlCall().Matches(readme).Select(m => JsonDocument.Parse(m.Groups["json"].Value).RootElement.GetProperty("query").GetString()!)];
    }

    [GeneratedRegex(@"^gql '(?<json>\{.*\})'\s*$", RegexOptions.Multiline)]
    private static partial Regex GqlCall();
}
