namespace Booking.Api.Schema;

/// <summary>How every list of the schema pages, said once.</summary>
internal static class PageDescriptions
{
    public const string NextToken = "Null on the last page; otherwise pass it as `after` to read the next one.";

    public const string First = "How many items to return: the configured default when absent, at most the configured maximum.";

    public const string After = "The nextToken of the previous page; absent for the first page.";
}
