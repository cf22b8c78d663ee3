namespace Booking.Api.Tests;

/// <summary>One server for every test class: starting dynalite, the durable host and Kestrel once keeps the run short.</summary>
[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFixture>
{
    public const string Name = "api";
}
