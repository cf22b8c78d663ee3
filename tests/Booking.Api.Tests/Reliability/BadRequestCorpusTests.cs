using Booking.Testing.Corpus;
using Xunit.Abstractions;

namespace Booking.Api.Tests.Reliability;

/// <summary>The bad-request corpus (<see cref="BadRequestCorpusContract"/>) against the shared handler on Kestrel.</summary>
[Collection(ReliabilityCollection.Name)]
public sealed class BadRequestCorpusTests(ReliabilityFixture server, ITestOutputHelper output) : BadRequestCorpusContract(server, output);
