using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Booking.Api.Payments;
using Booking.Testing.Hosts;
using Xunit;
using Xunit.Abstractions;

namespace Booking.Testing.Contracts;

/// <summary>
/// The task hub only runs workflows: purge the history of every ended reservation, then replace the hub with an empty
/// one on the same tables, and nothing a client or operator sees changes — reads with and without the token, lists,
/// the seed's list, repeats of old ids (which start nothing), payments, cancellations and webhooks of ended
/// reservations (CONFLICT and 409, or 200 for a paid one; never NOT_FOUND or 404). Each host's subclass says how to
/// start it.
/// </summary>
public abstract class TaskHubLossContract(Emulators emulators, ITestOutputHelper log)
{
    private const string WebhookSecret = BookingHostContract.WebhookSecret;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Ended_reservations_look_the_same_after_their_history_is_purged_and_after_the_task_hub_is_replaced()
    {
        var environment = emulators.HostEnvironment();
        environment["Payments__WebhookSecret"] = WebhookSecret;
        environment["Auth__OperatorFieldsWithoutKey"] = "true";
        environment["Reservation__HistoryRetention"] = "00:00:01";
        environment["Reservation__HistoryPurgeSchedule"] = "*/2 * * * * *";
        await Emulators.TableOf(environment, emulators.Dynalite);
        var host = await StartAsync(environment);
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var world = new World(suffix);
        try
        {
            await world.CreateAsync(host, Patience);
            var before = await world.ObserveAsync(host);
            world.AssertWhatAnEndedReservationShows(before);

            var purged = await WaitUntilAsync(async () => (await InstancesAsync(environment["TaskHubName"]!, world.Ids)).Count == 0);
            Assert.True(purged, $"The history of ended reservations was not purged: {string.Join(", ", await InstancesAsync(environment["TaskHubName"]!, world.Ids))}");
            var afterPurge = await world.ObserveAsync(host);

            await host.DisposeAsync();
            environment["TaskHubName"] = Emulators.NewTaskHub();
            host = await StartAsync(environment);
            var afterNewHub = await world.ObserveAsync(host);

            Assert.Equal(before, afterPurge);
            Assert.Equal(before, afterNewHub);
            Assert.Empty(await InstancesAsync(environment["TaskHubName"]!, world.Ids));
            log.WriteLine(string.Join(Environment.NewLine, before));
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    /// <summary>Starts the host with <paramref name="environment"/>, whose tables exist; the caller disposes it.</summary>
    protected abstract Task<IBookingHost> StartAsync(IDictionary<string, string?> environment);

    /// <summary>The workflow instances of <paramref name="ids"/> in the hub's instance table (one row each, as the
    /// Azure Storage provider keeps them under both hosts).</summary>
    private async Task<List<string>> InstancesAsync(string taskHub, IReadOnlyCollection<string> ids)
    {
        var table = new TableClient(emulators.Azurite.ConnectionString, taskHub + "Instances");
        await table.CreateIfNotExistsAsync();
        var found = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>(select: ["PartitionKey"]))
        {
            if (ids.Contains(row.PartitionKey))
            {
                found.Add(row.PartitionKey);
            }
        }

        return found;
    }

    private static async Task<bool> WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(500);
        }

        return false;
    }

    /// <summary>One reservation for each way a reservation ends, the seed's among them.</summary>
    private sealed class World(string suffix)
    {
        private const string SeedArn = "arn:aws:states:us-east-1:123456789012:execution:booking:seed";

        public string Paid { get; } = "paid-" + suffix;

        public string Cancelled { get; } = "cancelled-" + suffix;

        public string Expired { get; } = "expired-" + suffix;

        public string Rejected { get; } = "rejected-" + suffix;

        public string Holder { get; } = "holder-" + suffix;

        public string Seed { get; } = "seed-" + suffix;

        public IReadOnlyCollection<string> Ids => [Paid, Cancelled, Expired, Rejected, Holder, Seed];

        private string ApartmentOf(string id) => id == Rejected ? "apt-" + Holder : "apt-" + id;

        public async Task CreateAsync(IBookingHost host, TimeSpan patience)
        {
            foreach (var id in Ids.Where(id => id != Rejected))
            {
                await host.AddApartmentAsync(ApartmentOf(id));
            }

            await host.ReserveAsync(ApartmentOf(Paid), Paid, 60);
            await host.ConfirmPaymentAsync(Paid);
            await host.ReserveAsync(ApartmentOf(Cancelled), Cancelled, 60);
            await host.CancelAsync(Cancelled);
            await host.ReserveAsync(ApartmentOf(Expired), Expired, 2);
            await host.ReserveAsync(ApartmentOf(Holder), Holder, 60);
            await host.ReserveAsync(ApartmentOf(Rejected), Rejected, 60);
            await host.CancelAsync(Holder);
            (await host.PostAsync(
                "mutation($input: StepFunctionsInput!) { addStepFunction(input: $input) { id arn } }",
                new { input = new { id = Seed, arn = SeedArn, apartmentId = ApartmentOf(Seed) } })).Data.GetProperty("addStepFunction");
            await host.WaitForStatusAsync(Seed, status => status != "REQUESTED", DateTime.UtcNow + patience);
            await host.ConfirmPaymentAsync(Seed);
            foreach (var id in Ids)
            {
                await host.WaitForFinalStatusAsync(id, DateTime.UtcNow + patience);
            }
        }

        /// <summary>Everything a client or operator can see of these reservations and do to them, one line each.</summary>
        public async Task<List<string>> ObserveAsync(IBookingHost host)
        {
            var seen = new List<string>();
            foreach (var id in Ids)
            {
                seen.Add($"{id} read: {Json(await host.PostAsync("query($id: ID!) { reservation(id: $id) { id apartmentId status } }", new { id }))}");
                if (id != Seed)
                {
                    seen.Add($"{id} read with token: {Json(await host.PostAsync("query($id: ID!, $token: String) { reservation(id: $id, token: $token) { status expiresAt errorCode errorMessage } }", new { id, token = BookingApi.TokenOf(id) }))}");
                    seen.Add($"{id} cancel: {(await host.TryCancelAsync(id, BookingApi.TokenOf(id))).ErrorCode}");
                }

                seen.Add($"{id} repeated: {Json(await host.TryReserveAsync(ApartmentOf(id), id, 60))}");
                seen.Add($"{id} confirm: {(await host.PostAsync("mutation($id: ID!) { confirmPayment(reservationId: $id) { status } }", new { id })).ErrorCode}");
                var webhook = JsonSerializer.Serialize(new { eventId = "evt-" + Guid.NewGuid().ToString("N"), type = PaymentWebhookEndpoint.PaymentSucceeded, reservationId = id });
                var signature = PaymentSignature.Sign(WebhookSecret, DateTimeOffset.UtcNow, Encoding.UTF8.GetBytes(webhook));
                seen.Add($"{id} webhook: {(int)(await host.PostPaymentWebhookAsync(webhook, signature)).Status}");
                seen.Add($"{id} listed: {Json(await host.PostAsync("query($apt: ID!) { reservations(apartmentId: $apt, first: 10) { items { id status } nextToken } }", new { apt = ApartmentOf(id) }))}");
            }

            var seedList = (await host.PostAsync("{ getStepFunctions(first: 250) { id arn } }")).Data.GetProperty("getStepFunctions")
                .EnumerateArray().Where(item => Ids.Contains(item.GetProperty("id").GetString()!)).Select(item => item.GetRawText());
            seen.Add($"getStepFunctions: {string.Join(", ", seedList.Order(StringComparer.Ordinal))}");
            return seen;
        }

        /// <summary>Checks the observation itself, so that two equal observations mean the right thing.</summary>
        public void AssertWhatAnEndedReservationShows(List<string> seen)
        {
            string Line(string id, string what) => seen.Single(line => line.StartsWith($"{id} {what}: ", StringComparison.Ordinal));
            foreach (var (id, status) in new[] { (Paid, "PAID"), (Cancelled, "CANCELLED"), (Expired, "EXPIRED"), (Rejected, "REJECTED"), (Holder, "CANCELLED"), (Seed, "PAID") })
            {
                Assert.Contains($"\"status\":\"{status}\"", Line(id, "read"), StringComparison.Ordinal);
                Assert.Contains("\"token\":null", Line(id, "repeated"), StringComparison.Ordinal);
                Assert.Contains($"\"status\":\"{status}\"", Line(id, "repeated"), StringComparison.Ordinal);
                Assert.EndsWith("CONFLICT", Line(id, "confirm"), StringComparison.Ordinal);
                Assert.EndsWith(status == "PAID" ? "200" : "409", Line(id, "webhook"), StringComparison.Ordinal);
                Assert.Contains($"{{\"id\":\"{id}\",\"status\":\"{status}\"}}", Line(id, "listed"), StringComparison.Ordinal);
            }

            Assert.Contains("ApartmentNotVacant", Line(Rejected, "read with token"), StringComparison.Ordinal);
            Assert.EndsWith("CONFLICT", Line(Cancelled, "cancel"), StringComparison.Ordinal);
            Assert.Contains(SeedArn, seen[^1], StringComparison.Ordinal);
        }

        private static string Json(GraphQLResponse response) => JsonSerializer.Serialize(response.Json);
    }
}
