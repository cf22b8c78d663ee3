namespace BookingFunctions.Tests;

/// <summary>The trait of tests that run the Function App under a real Functions host; <c>./test.sh</c> leaves them
/// out, saying so in one line, on a machine that has no host.</summary>
internal static class FunctionsHostCategory
{
    public const string Name = "Category";

    public const string Value = "FunctionsHost";
}
