namespace Booking.Engine.Storage;

/// <summary>Reads what a table query's OData filter says about partition keys.</summary>
internal static class TableFilters
{
    private const string Prefix = "PartitionKey eq '";

    /// <summary>
    /// The one partition key a filter limits its rows to: the filter starts with <c>PartitionKey eq '…'</c> (the form
    /// <see cref="Azure.Data.Tables.TableClient.CreateQueryFilter(FormattableString)"/> writes) and the rest only
    /// narrows it (<c>and …</c> with no top-level <c>or</c>, which would bind looser than the <c>and</c>). Null when
    /// the rows may come from more than one partition.
    /// </summary>
    public static string? SinglePartitionKey(string? filter)
    {
        if (filter is null || !filter.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        // The literal ends at the first quote that is not doubled ('' stands for one quote).
        var key = new System.Text.StringBuilder();
        var i = Prefix.Length;
        while (true)
        {
            if (i >= filter.Length)
            {
                return null;
            }

            if (filter[i] == '\'')
            {
                if (i + 1 < filter.Length && filter[i + 1] == '\'')
                {
                    key.Append('\'');
                    i += 2;
                    continue;
                }

                break;
            }

            key.Append(filter[i++]);
        }

        var rest = filter.AsSpan(i + 1);
        if (rest.IsEmpty)
        {
            return key.ToString();
        }

        return rest.StartsWith(" and ", StringComparison.Ordinal) && !HasTopLevelOr(rest) ? key.ToString() : null;
    }

    // An "or" outside parentheses and string literals.
    private static bool HasTopLevelOr(ReadOnlySpan<char> text)
    {
        var depth = 0;
        var inLiteral = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\'')
            {
                inLiteral = !inLiteral; // a doubled quote toggles twice and stays inside the literal
            }
            else if (!inLiteral && c == '(')
            {
                depth++;
            }
            else if (!inLiteral && c == ')')
            {
                depth--;
            }
            else if (!inLiteral && depth == 0 && text[i..].StartsWith(" or ", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
