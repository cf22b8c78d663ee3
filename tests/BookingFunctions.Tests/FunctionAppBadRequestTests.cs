using Booking.Testing.Corpus;
using Xunit.Abstractions;

namespace BookingFunctions.Tests;

/// <summary>The bad-request corpus (<see cref="BadRequestCorpusContract"/>) against the Function App under a real
/// Functions host, where the host's own HTTP pipeline sees every request first.</summary>
[Trait(FunctionsHostCategory.Name, FunctionsHostCategory.Value)]
public sealed class FunctionAppBadRequestTests(CorpusFunctionAppFixture host, ITestOutputHelper output)
    : BadRequestCorpusContract(host, output), IClassFixture<CorpusFunctionAppFixture>;
