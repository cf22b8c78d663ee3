using Azure.Data.Tables;
using Booking.Core.Apartments;
using Booking.Testing;
using Xunit.Abstractions;

namespace BookingFunctions.Tests;

/// <summary>
/// The workflow's version (host.json <c>extensions.durableTask.defaultVersion</c>) under a real Functions host: a
/// reservation keeps the version it started with, and still ends correctly when the host comes back with a higher
/// one, as after a deployment whose workflow changed; reservations started after it carry the new version.
/// </summary>
[Trait(FunctionsHostCategory.Name, FunctionsHostCategory.Value)]
public sealed class FunctionAppWorkflowVersionTests(Emulators emulators, ITestOutputHelper log) : IClassFixture<Emulators>
{
    private const string NextVersion = "1.1";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    private static string ShippedVersion => FunctionAppOutput.Read("host.json")["extensions"]!["durableTask"]!["defaultVersion"]!.GetValue<string>();

    [Fact]
    public async Task Reservations_started_on_one_version_end_correctly_on_the_next_and_new_ones_carry_the_next()
    {
        var environment = emulators.HostEnvironment();

        // Messages the killed host had taken come back after the queues' visibility timeout, and an instance's later
        // events wait behind them: the extension's shortest (a minute) keeps that within the test's patience.
        environment["AzureFunctionsJobHost__extensions__durableTask__storageProvider__controlQueueVisibilityTimeout"] = "00:01:00";
        environment["AzureFunctionsJobHost__extensions__durableTask__storageProvider__workItemQueueVisibilityTimeout"] = "00:01:00";
        var table = await Emulators.TableOf(environment, emulators.Dynalite);
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var (payer, expirer, newcomer) = ($"v-pay-{suffix}", $"v-expire-{suffix}", $"v-new-{suffix}");
        foreach (var id in new[] { payer, expirer, newcomer })
        {
            await table.AddAsync("apt-" + id);
        }

        await using (var before = await FunctionsHostProcess.StartAsync(environment))
        {
            await before.ReserveAsync("apt-" + payer, payer, paymentWindowSeconds: 90);
            await before.ReserveAsync("apt-" + expirer, expirer, paymentWindowSeconds: 45);
            foreach (var id in new[] { payer, expirer })
            {
                await before.WaitForStatusAsync(id, s => s == BookingApi.PendingPayment, DateTime.UtcNow + Patience);
            }

            await before.KillAsync();
        }

        environment["AzureFunctionsJobHost__extensions__durableTask__defaultVersion"] = NextVersion;
        await using var after = await FunctionsHostProcess.StartAsync(environment);
        await after.ConfirmPaymentAsync(payer);
        await after.ReserveAsync("apt-" + newcomer, newcomer, paymentWindowSeconds: 90);
        await after.WaitForStatusAsync(newcomer, s => s == BookingApi.PendingPayment, DateTime.UtcNow + Patience);
        await after.ConfirmPaymentAsync(newcomer);
        var deadline = DateTime.UtcNow + Patience;
        var outcomes = new Dictionary<string, string>();
        foreach (var id in new[] { payer, expirer, newcomer })
        {
            outcomes[id] = await after.WaitForFinalStatusAsync(id, deadline);
        }

        var workflows = await WorkflowsAsync(environment["TaskHubName"]!, outcomes.Keys);
        log.WriteLine($"Shipped version {ShippedVersion}, next {NextVersion}; " + string.Join("; ", outcomes.Keys.Select(id => $"{id}: {outcomes[id]}, workflow version {workflows[id].Version}, {workflows[id].RuntimeStatus}")));

        Assert.Equal(
            new Dictionary<string, string> { [payer] = BookingApi.Paid, [expirer] = BookingApi.Expired, [newcomer] = BookingApi.Paid },
            outcomes);
        Assert.Equal(
            new Dictionary<string, (string, string)> { [payer] = (ShippedVersion, "Completed"), [expirer] = (ShippedVersion, "Completed"), [newcomer] = (NextVersion, "Completed") },
            workflows);
        Assert.Equal((ApartmentStatus.Paid, payer), await HolderAsync(table, payer));
        Assert.Equal((ApartmentStatus.Vacant, (string?)null), await HolderAsync(table, expirer));
        Assert.Equal((ApartmentStatus.Paid, newcomer), await HolderAsync(table, newcomer));
    }

    [Fact]
    public void The_app_ships_a_workflow_version_that_hosts_of_it_and_of_later_versions_run()
    {
        var durableTask = FunctionAppOutput.Read("host.json")["extensions"]!["durableTask"]!;

        Assert.True(Version.TryParse(ShippedVersion, out _), $"defaultVersion '{ShippedVersion}' is not a dotted version, so versions would compare as text.");
        Assert.Equal("CurrentOrOlder", (string?)durableTask["versionMatchStrategy"]);
        Assert.Equal("Reject", (string?)durableTask["versionFailureStrategy"]);
        Assert.True(Version.Parse(NextVersion) > Version.Parse(ShippedVersion), "The test's next version must be higher than the shipped one.");
    }

    private static async Task<(ApartmentStatus?, string?)> HolderAsync(DynamoDbApartmentStore table, string reservationId)
    {
        var apartment = await table.GetAsync("apt-" + reservationId);
        return (apartment?.Status, apartment?.ReservationId);
    }

    /// <summary>Each workflow's version and runtime status, as the task hub's instance table records them.</summary>
    private async Task<Dictionary<string, (string Version, string RuntimeStatus)>> WorkflowsAsync(string taskHub, IEnumerable<string> ids)
    {
        var instances = new TableClient(emulators.Azurite.ConnectionString, taskHub + "Instances");
        var workflows = new Dictionary<string, (string, string)>();
        foreach (var id in ids)
        {
            var row = (await instances.GetEntityAsync<TableEntity>(id, string.Empty)).Value;
            workflows[id] = (row.GetString("Version") ?? string.Empty, row.GetString("RuntimeStatus") ?? string.Empty);
        }

        return workflows;
    }
}
