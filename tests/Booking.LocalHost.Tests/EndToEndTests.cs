using System.Text.Json;
using System.Text.RegularExpressions;
using Booking.Core.Apartments;
using Booking.Testing;

namespace Booking.LocalHost.Tests;

/// <summary>End to end: the local host process, driven over HTTP, ends each reservation as the
/// workflow says and leaves the apartment in the matching state in the table; it serves the sample data and the
/// README's example.</summary>
public sealed partial class EndToEndTests(RunningHost running) : IClassFixture<RunningHost>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    private LocalHostProcess Host => running.Host;

    [Fact]
    public async Task Reservation_that_is_not_paid_expires_and_the_apartment_is_vacant_again()
    {
        var (apartmentId, reservationId) = await NewApartmentAsync();

        var reserved = await Host.ReserveAsync(apartmentId, reservationId, paymentWindowSeconds: 2);
        var status = await Host.WaitForFinalStatusAsync(reservationId, DateTime.UtcNow + Patience);

        Assert.Equal(BookingApi.PendingPayment, reserved.GetProperty("status").GetString());
        Assert.Equal(BookingApi.Expired, status);
        await AssertApartmentAsync(apartmentId, ApartmentStatus.Vacant, reservationId: null);
    }

    [Fact]
    public async Task Reservation_that_is_paid_ends_PAID_and_the_apartment_is_paid()
    {
        var (apartmentId, reservationId) = await NewApartmentAsync();
        await Host.ReserveAsync(apartmentId, reservationId, paymentWindowSeconds: 3);

        var confirmed = await Host.ConfirmPaymentAsync(reservationId);
        var status = await Host.WaitForFinalStatusAsync(reservationId, DateTime.UtcNow + Patience);

        Assert.Equal(BookingApi.Paid, status);
        Assert.Contains(confirmed.GetProperty("status").GetString(), new[] { BookingApi.PendingPayment, BookingApi.Paid });
        await AssertApartmentAsync(apartmentId, ApartmentStatus.Paid, reservationId);
        Assert.Equal("PAID", await Host.ApartmentStatusAsync(apartmentId));
    }

    [Fact]
    public async Task Reservation_that_is_cancelled_ends_CANCELLED_and_the_apartment_is_vacant_again()
    {
        var (apartmentId, reservationId) = await NewApartmentAsync();
        await Host.ReserveAsync(apartmentId, reservationId, paymentWindowSeconds: 3);

        await Host.CancelAsync(reservationId);
        var status = await Host.WaitForFinalStatusAsync(reservationId, DateTime.UtcNow + Patience);

        Assert.Equal(BookingApi.Cancelled, status);
        await AssertApartmentAsync(apartmentId, ApartmentStatus.Vacant, reservationId: null);
    }

    [Fact]
    public async Task Host_seeds_the_sample_apartments_including_the_seed_articles_1234567()
    {
        var response = await Host.PostAsync("{ apartments { id status } }");

        var ids = response.Data.GetProperty("apartments").EnumerateArray().Select(a => a.GetProperty("id").GetString()).ToList();
        Assert.Superset(new HashSet<string?> { "1234567", "apt-101", "apt-102", "apt-103" }, ids.ToHashSet());
        Assert.NotNull(await running.Table.GetAsync("1234567"));
    }

    [Fact]
    public async Task Without_an_API_key_setting_requests_need_no_key()
    {
        var response = await Host.PostAsync("{ apartments { id } }", headers: _ => { });

        Assert.Equal(System.Net.HttpStatusCode.OK, response.Status);
        Assert.NotEqual(0, response.Data.GetProperty("apartments").GetArrayLength());
    }

    [Fact]
    public async Task README_curl_example_runs_as_written_without_errors()
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "README.md"));
        var example = BashBlocks().Matches(readme).Select(m => m.Groups["code"].Value).Single(block => block.Contains("gql()", StringComparison.Ordinal));
        var calls = Regex.Count(example, @"^gql '", RegexOptions.Multiline);
        var script = example.Replace("http://127.0.0.1:7071/", $"http://127.0.0.1:{Host.Port}/", StringComparison.Ordinal);

        await using var bash = ChildProcess.Start("bash", ["-c", script]);
        var exited = await bash.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.True(exited, "The README's example did not finish within a minute.");
        Assert.True(calls >= 3, $"The README's example should make its calls with gql; found {calls}:{Environment.NewLine}{example}");
        var responses = bash.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        Assert.True(responses.Count == calls, $"Expected {calls} responses, got:{Environment.NewLine}{bash.Output}");
        foreach (var response in responses)
        {
            var json = JsonDocument.Parse(response).RootElement;
            Assert.False(json.TryGetProperty("errors", out _), $"A README document failed: {response}");
            Assert.All(json.GetProperty("data").EnumerateObject(), field => Assert.NotEqual(JsonValueKind.Null, field.Value.ValueKind));
        }
    }

    [GeneratedRegex("```bash\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex BashBlocks();

    private async Task<(string ApartmentId, string ReservationId)> NewApartmentAsync()
    {
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var added = await Host.AddApartmentAsync("apt-" + suffix);
        Assert.Equal("VACANT", added.GetProperty("status").GetString());
        return ("apt-" + suffix, "r-" + suffix);
    }

    private async Task AssertApartmentAsync(string apartmentId, ApartmentStatus status, string? reservationId)
    {
        var apartment = await running.Table.GetAsync(apartmentId);
        Assert.NotNull(apartment);
        Assert.Equal(status, apartment.Status);
        Assert.Equal(reservationId, apartment.ReservationId);
    }
}
