using Booking.Api.Schema;
using Booking.Core;
using Booking.Testing;
using GraphQL;
using GraphQL.Utilities;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Booking.Api.Tests;

/// <summary>The schema keeps the names and shapes the issue fixes, the seed's among them.</summary>
public sealed class SchemaTests
{
    public static TheoryData<string> Definitions { get; } = new()
    {
        "scalar DateTime",
        "enum ApartmentStatus {\n  VACANT\n  RESERVED\n  PAID\n}",
        "enum ReservationStatus {\n  REQUESTED\n  PENDING_PAYMENT\n  PAID\n  EXPIRED\n  CANCELLED\n  REJECTED\n  FAILED\n}",
        "type Apartment {\n  id: ID!\n  status: ApartmentStatus!\n  reservationId: ID\n  reservedUntil: DateTime\n}",
        "type Reservation {\n  id: ID!\n  apartmentId: ID!\n  status: ReservationStatus!\n  expiresAt: DateTime\n  errorCode: String\n  errorMessage: String\n  token: String\n}",
        "type ApartmentPage {\n  items: [Apartment!]!\n  nextToken: String\n}",
        "type ReservationPage {\n  items: [Reservation!]!\n  nextToken: String\n}",
        "input ReserveApartmentInput {\n  apartmentId: ID!\n  reservationId: ID\n  paymentWindowSeconds: Int\n}",
        "type stepfunctions {\n  id: String!\n  arn: String!\n}",
        "input StepFunctionsInput {\n  id: ID!\n  arn: String!\n  apartmentId: ID\n}",
        "type Query {\n  apartment(id: ID!): Apartment\n  apartments(first: Int, after: String): ApartmentPage!\n  reservation(id: ID!, token: String): Reservation\n  reservations(apartmentId: ID, status: ReservationStatus, first: Int, after: String): ReservationPage!\n  getStepFunctions(first: Int, after: String): [stepfunctions!]\n}",
        "type Mutation {\n  addApartment(id: ID!): Apartment!\n  reserveApartment(input: ReserveApartmentInput!): Reservation!\n  confirmPayment(reservationId: ID!): Reservation!\n  cancelReservation(reservationId: ID!, token: String): Reservation!\n  checkOut(apartmentId: ID!, reservationId: ID): Apartment!\n  retireApartment(id: ID!): Apartment!\n  addStepFunction(input: StepFunctionsInput!): stepfunctions\n}",
    };

    /// <summary>The committed SDL for client code generators; <c>scripts/update-schema.sh</c> writes it anew.</summary>
    public static string SchemaFile => Path.Combine(RepositoryPaths.Root, "schema.graphql");

    [Theory]
    [MemberData(nameof(Definitions))]
    public void Schema_defines_exactly(string definition)
    {
        var printed = Print(new PrintOptions { IncludeDescriptions = false });

        Assert.Contains(definition, printed, StringComparison.Ordinal);
    }

    [Fact]
    public void Schema_file_is_the_schema_in_code()
    {
        var printed = Print(new PrintOptions { IncludeDescriptions = true }) + "\n";
        if (Environment.GetEnvironmentVariable("BOOKING_UPDATE_SCHEMA") == "1")
        {
            File.WriteAllText(SchemaFile, printed);
        }

        Assert.True(File.Exists(SchemaFile), $"{SchemaFile} is missing; write it with scripts/update-schema.sh.");
        Assert.True(
            File.ReadAllText(SchemaFile).ReplaceLineEndings("\n") == printed,
            "schema.graphql is not the schema in code any more; write it anew with scripts/update-schema.sh and commit it.");
    }

    private static string Print(PrintOptions options)
    {
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().Build())
            .AddLogging();
        services.AddBookingCore(new ConfigurationBuilder().Build());
        services.AddBookingApi();
        using var provider = services.BuildServiceProvider();
        var schema = provider.GetRequiredService<BookingSchema>();
        schema.Initialize();
        return schema.Print(options).ReplaceLineEndings("\n");
    }

    [Theory]
    [InlineData("2030-01-02T03:04:05+00:00", "2030-01-02T03:04:05Z")]
    [InlineData("2030-01-02T05:04:05.25+02:00", "2030-01-02T03:04:05.25Z")]
    [InlineData("2030-01-02T03:04:05.1234567-01:00", "2030-01-02T04:04:05.1234567Z")]
    public void DateTime_is_written_as_ISO_8601_in_UTC(string instant, string expected)
    {
        var value = DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(expected, new UtcDateTimeGraphType().Serialize(value));
    }
}
