using System.Diagnostics;
using Booking.Api.Telemetry;
using Booking.Core.Telemetry;

namespace Booking.Api.Tests;

/// <summary>One reservation is one trace: from the GraphQL request through the orchestration and its activities to the
/// DynamoDB writes, the booking spans tagged with the reservation and apartment.</summary>
public sealed class TracingTests(TracedApiFixture server) : IClassFixture<TracedApiFixture>
{
    [Fact]
    public async Task An_expired_reservation_is_one_trace_from_the_request_to_the_DynamoDB_writes_that_hold_and_release()
    {
        var apartmentId = await server.AddApartmentAsync();
        var reservationId = "traced-" + Guid.NewGuid().ToString("N");

        await server.ReserveAsync(apartmentId, reservationId, paymentWindowSeconds: 1);
        await server.EndedAsync(reservationId);
        var spans = await WaitForSpansAsync(s => IsWrite(s, reservationId) && Tag(s, BookingTelemetry.OutcomeTag) == "Applied", count: 2);

        var reserve = Assert.Single(spans, s => s.OperationName == "reserveApartment" && Tag(s, BookingTelemetry.ReservationIdTag) == reservationId);
        var trace = spans.Where(s => s.TraceId == reserve.TraceId).ToList();
        Assert.Equal(apartmentId, Tag(reserve, BookingTelemetry.ApartmentIdTag));
        Assert.Contains(trace, s => s.Source.Name == "Microsoft.AspNetCore" && s.Kind == ActivityKind.Server);
        Assert.True(trace.Any(s => s.Source.Name == BookingTracingExtensions.DurableTaskCoreSource), $"No durable runtime span in the trace: {Describe(trace)}");
        var writes = trace.Where(s => IsWrite(s, reservationId)).ToList();
        Assert.True(writes.Count >= 2, $"Expected the hold and the release in the request's trace; the trace has: {Describe(trace)}");
        Assert.All(writes, write =>
        {
            Assert.Equal(ActivityKind.Client, write.Kind);
            Assert.Equal(apartmentId, Tag(write, BookingTelemetry.ApartmentIdTag));
            Assert.Equal("aws.dynamodb", Tag(write, "db.system.name"));
        });
    }

    private static bool IsWrite(Activity span, string reservationId) =>
        span.Source.Name == BookingTelemetry.SourceName && span.OperationName.StartsWith("UpdateItem ", StringComparison.Ordinal)
        && Tag(span, BookingTelemetry.ReservationIdTag) == reservationId;

    private static string? Tag(Activity span, string name) => span.GetTagItem(name) as string;

    private static string Describe(IEnumerable<Activity> spans) =>
        string.Join("; ", spans.Select(s => $"{s.Source.Name}/{s.OperationName}/{s.Kind}"));

    /// <summary>Spans end on the workflow's threads after the API has answered; waits (bounded) until
    /// <paramref name="count"/> of them match.</summary>
    private async Task<IReadOnlyList<Activity>> WaitForSpansAsync(Func<Activity, bool> match, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            var spans = server.Spans;
            if (spans.Count(match) >= count || DateTime.UtcNow > deadline)
            {
                return spans;
            }

            await Task.Delay(100);
        }
    }
}
