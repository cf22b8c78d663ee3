using System.Text.Json.Nodes;

namespace Booking.Infrastructure.Tests;

/// <summary>
/// azure.yaml, the Azure Developer CLI's project file, read without a YAML library: it holds only nested
/// <c>key: value</c> mappings, which indentation alone describes.
/// </summary>
public static class AzureYaml
{
    public static JsonObject Read(string path)
    {
        var root = new JsonObject();
        var open = new Stack<(int Indent, JsonObject Mapping)>();
        open.Push((-1, root));
        foreach (var line in File.ReadLines(path))
        {
            var content = line.TrimStart();
            if (content.Length == 0 || content.StartsWith('#'))
            {
                continue;
            }

            var colon = content.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || content.StartsWith('-'))
            {
                throw new FormatException($"{path} has a line this reader does not handle (only 'key: value' mappings): {line}");
            }

            var indent = line.Length - content.Length;
            while (open.Peek().Indent >= indent)
            {
                open.Pop();
            }

            var key = content[..colon].Trim();
            var value = content[(colon + 1)..].Trim();
            if (value.Length == 0)
            {
                var mapping = new JsonObject();
                open.Peek().Mapping[key] = mapping;
                open.Push((indent, mapping));
            }
            else
            {
                open.Peek().Mapping[key] = value;
            }
        }

        return root;
    }
}
