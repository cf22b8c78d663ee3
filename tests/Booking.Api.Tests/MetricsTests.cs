using Booking.Api.Telemetry;
using Booking.Core.Telemetry;
using OpenTelemetry.Metrics;

namespace Booking.Api.Tests;

/// <summary>What an operator reads: every reservation counted once by how it ended, refusals by their code, the hold
/// decision and expiry times, and the API's answers per root field. The second test starts no reservation and the
/// first sends no failing query, so neither moves what the other counts.</summary>
[Collection(MetricsCollection.Name)]
public sealed class MetricsTests(MeteredApiFixture server) : IClassFixture<MeteredApiFixture>
{
    private const string Reserve = "mutation($input: ReserveApartmentInput!) { reserveApartment(input: $input) { id status } }";

    [Fact]
    public async Task Reservations_are_counted_by_how_they_end_and_refusals_by_their_code()
    {
        var expiring = await server.AddApartmentAsync();
        var paid = await server.AddApartmentAsync();
        var cancelled = await server.AddApartmentAsync();
        var (expiringId, paidId, cancelledId, rejectedId) = (NewId(), NewId(), NewId(), NewId());

        await server.ReserveAsync(expiring, expiringId, paymentWindowSeconds: 1);
        await server.ReserveAsync(paid, paidId, paymentWindowSeconds: 60);
        await server.ReserveAsync(cancelled, cancelledId, paymentWindowSeconds: 60);
        await server.DecidedAsync(paidId);
        await server.DecidedAsync(cancelledId);
        Assert.Equal("PAID", ApiFixture.Status((await server.SendEventAsync("confirmPayment", paidId)).Json.GetProperty("data").GetProperty("confirmPayment")));
        Assert.Equal("CANCELLED", ApiFixture.Status((await server.SendEventAsync("cancelReservation", cancelledId)).Json.GetProperty("data").GetProperty("cancelReservation")));
        await server.ReserveAsync(paid, rejectedId, paymentWindowSeconds: 60);
        var badWindow = await server.PostAsync(Reserve, new { input = new { apartmentId = paid, reservationId = NewId(), paymentWindowSeconds = 0 } });
        var otherApartment = await server.PostAsync(Reserve, new { input = new { apartmentId = expiring, reservationId = paidId } });
        Assert.Equal("BAD_USER_INPUT", badWindow.ErrorCode);
        Assert.Equal("CONFLICT", otherApartment.ErrorCode);
        Assert.Equal("EXPIRED", ApiFixture.Status(await server.EndedAsync(expiringId)));
        Assert.Equal("REJECTED", ApiFixture.Status(await server.EndedAsync(rejectedId)));

        await WaitForExportAsync(() => Total(BookingMetrics.EndedName) == 4 && Count(BookingMetrics.ExpiryDelayName) == 1);

        Assert.Equal(4, Total(BookingMetrics.StartedName));
        Assert.Equal(1, Total(BookingMetrics.EndedName, Tag(BookingMetrics.StatusTag, "PAID"), NoErrorType));
        Assert.Equal(1, Total(BookingMetrics.EndedName, Tag(BookingMetrics.StatusTag, "EXPIRED"), NoErrorType));
        Assert.Equal(1, Total(BookingMetrics.EndedName, Tag(BookingMetrics.StatusTag, "CANCELLED"), NoErrorType));
        Assert.Equal(1, Total(BookingMetrics.EndedName, Tag(BookingMetrics.StatusTag, "REJECTED"), Tag(BookingMetrics.ErrorTypeTag, "ApartmentNotVacant")));
        Assert.Equal(2, Total(BookingMetrics.RefusedName, Tag(GraphQLMetrics.FieldTag, "reserveApartment")));
        Assert.Equal(1, Total(BookingMetrics.RefusedName, Tag(BookingMetrics.ErrorTypeTag, "BAD_USER_INPUT")));
        Assert.Equal(1, Total(BookingMetrics.RefusedName, Tag(BookingMetrics.ErrorTypeTag, "CONFLICT")));
        Assert.Equal(4, Count(BookingMetrics.HoldDecisionDurationName));
        Assert.True(Sum(BookingMetrics.HoldDecisionDurationName) > 0, "The hold decisions took no time at all.");
        Assert.Equal(1, Count(BookingMetrics.ExpiryDelayName, Tag(BookingMetrics.StatusTag, "EXPIRED")));
        var reserve = Tag(GraphQLMetrics.FieldTag, "reserveApartment");
        Assert.Equal(4, Total(GraphQLMetrics.CallsName, reserve, Tag(GraphQLMetrics.OperationTypeTag, "mutation"), NoErrorType));
        Assert.Equal(1, Total(GraphQLMetrics.CallsName, reserve, Tag(BookingMetrics.ErrorTypeTag, "CONFLICT")));
        Assert.Equal(1, Total(GraphQLMetrics.CallsName, Tag(GraphQLMetrics.FieldTag, "confirmPayment"), NoErrorType));
    }

    [Fact]
    public async Task Api_calls_are_counted_per_root_field_with_the_error_code_of_a_failed_one()
    {
        var mixed = await server.PostAsync("""
            query { unknown: reservation(id: "no-such-reservation") { status } invalid: reservation(id: "") { status } }
            """);
        var unparsable = await server.PostAsync("query { reservation(");

        Assert.Equal("BAD_USER_INPUT", mixed.ErrorCode);
        Assert.NotNull(unparsable.ErrorCode);
        var query = Tag(GraphQLMetrics.OperationTypeTag, "query");
        var field = Tag(GraphQLMetrics.FieldTag, "reservation");
        await WaitForExportAsync(() => Total(GraphQLMetrics.CallsName, query, field, Tag(BookingMetrics.ErrorTypeTag, "BAD_USER_INPUT")) == 1);
        Assert.Equal(1, Total(GraphQLMetrics.CallsName, query, field, Tag(BookingMetrics.ErrorTypeTag, "BAD_USER_INPUT")));
        Assert.True(Total(GraphQLMetrics.CallsName, query, field, NoErrorType) >= 1, "The field that answered was not counted as answered.");
        Assert.Equal(1, Total(GraphQLMetrics.CallsName, NoField, Tag(BookingMetrics.ErrorTypeTag, unparsable.ErrorCode!)));
    }

    private static string NewId() => "metered-" + Guid.NewGuid().ToString("N");

    private static Func<IReadOnlyDictionary<string, object?>, bool> Tag(string key, string value) =>
        tags => tags.TryGetValue(key, out var found) && Equals(found, value);

    private static bool NoErrorType(IReadOnlyDictionary<string, object?> tags) => !tags.ContainsKey(BookingMetrics.ErrorTypeTag);

    private static bool NoField(IReadOnlyDictionary<string, object?> tags) => !tags.ContainsKey(GraphQLMetrics.FieldTag);

    /// <summary>A counter's total over the series whose attributes match every filter.</summary>
    private long Total(string metric, params Func<IReadOnlyDictionary<string, object?>, bool>[] filters) =>
        Points(metric, filters).Sum(point => point.GetSumLong());

    /// <summary>How many values a histogram recorded in the matching series.</summary>
    private long Count(string metric, params Func<IReadOnlyDictionary<string, object?>, bool>[] filters) =>
        Points(metric, filters).Sum(point => point.GetHistogramCount());

    private double Sum(string metric) => Points(metric, []).Sum(point => point.GetHistogramSum());

    private IEnumerable<MetricPoint> Points(string metric, Func<IReadOnlyDictionary<string, object?>, bool>[] filters)
    {
        foreach (var point in server.Latest(metric)?.MetricPoints ?? [])
        {
            var tags = new Dictionary<string, object?>();
            foreach (var tag in point.Tags)
            {
                tags[tag.Key] = tag.Value;
            }

            if (filters.All(filter => filter(tags)))
            {
                yield return point;
            }
        }
    }

    /// <summary>The workflow records its endings after the API has answered, and the exporter reads them a moment
    /// later; waits (bounded) until <paramref name="done"/>.</summary>
    private static async Task WaitForExportAsync(Func<bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (!done() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
    }
}
