using System.Text.Json;
using Xunit;

namespace Booking.Testing.Corpus;

/// <summary>Reads <c>bad-requests.json</c>, copied beside the test assembly.</summary>
public static class BadRequestCorpus
{
    public const string FileName = "bad-requests.json";

    private static readonly Lazy<IReadOnlyDictionary<string, BadRequestCase>> Cases = new(Load);

    public static IReadOnlyDictionary<string, BadRequestCase> All => Cases.Value;

    public static TheoryData<string> Names() => [.. All.Keys];

    private static IReadOnlyDictionary<string, BadRequestCase> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Corpus", FileName);
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var cases = new Dictionary<string, BadRequestCase>(StringComparer.Ordinal);
        foreach (var definition in document.RootElement.GetProperty("cases").EnumerateArray())
        {
            var name = definition.GetProperty("name").GetString()!;
            if (!cases.TryAdd(name, new BadRequestCase(name, definition.Clone())))
            {
                throw new InvalidDataException($"{FileName} has two cases named '{name}'.");
            }
        }

        return cases;
    }
}
