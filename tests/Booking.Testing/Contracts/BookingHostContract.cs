using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Amazon.DynamoDBv2.Model;
using Booking.Api.Payments;
using Booking.Core.Apartments;
using Booking.Testing.Hosts;
using Xunit;

namespace Booking.Testing.Contracts;

/// <summary>
/// What every host of the booking API does, checked from outside its process over HTTP and against its DynamoDB
/// table: the local host and the Function App under a real Functions host each run these through a subclass whose
/// fixture started them with <see cref="Configure"/>'s settings.
/// </summary>
public abstract partial class BookingHostContract(IBookingHostFixture fixture)
{
    /// <summary>The apartment the seed's <c>addStepFunction</c> reserves when its input names none.</summary>
    public const string DefaultApartmentId = "seed-default";

    /// <summary>The secret the hosts under test check payment webhooks with: the local default the README signs with.</summary>
    public const string WebhookSecret = "local-development-webhook-secret";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan BrowserPatience = TimeSpan.FromMinutes(2);

    private IBookingHost Host => fixture.Host;

    private DynamoDbApartmentStore Table => fixture.Table;

    /// <summary>The settings these tests need on top of the emulators': a sweep every second with no grace period, so
    /// an orphaned hold goes within seconds, a default apartment no other test uses, and a webhook secret.</summary>
    public static void Configure(IDictionary<string, string?> environment)
    {
        environment["Payments__WebhookSecret"] = WebhookSecret;
        environment["Reservation__SweepSchedule"] = "* * * * * *";
        environment["Reservation__SweepGracePeriod"] = "00:00:00";
        environment["Reservation__DefaultApartmentId"] = DefaultApartmentId;
    }

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
        await Host.ReserveAsync(apartmentId, reservationId, paymentWindowSeconds: 30);

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
        await Host.ReserveAsync(apartmentId, reservationId, paymentWindowSeconds: 30);

        await Host.CancelAsync(reservationId);
        var status = await Host.WaitForFinalStatusAsync(reservationId, DateTime.UtcNow + Patience);

        Assert.Equal(BookingApi.Cancelled, status);
        await AssertApartmentAsync(apartmentId, ApartmentStatus.Vacant, reservationId: null);
    }

    [Fact]
    public async Task Reserving_an_apartment_another_reservation_holds_is_REJECTED_and_leaves_the_hold_alone()
    {
        var (apartmentId, holder) = await NewApartmentAsync();
        await Host.ReserveAsync(apartmentId, holder, paymentWindowSeconds: 60);

        await Host.ReserveAsync(apartmentId, holder + "-late", paymentWindowSeconds: 60);
        var status = await Host.WaitForFinalStatusAsync(holder + "-late", DateTime.UtcNow + Patience);

        Assert.Equal(BookingApi.Rejected, status);
        await AssertApartmentAsync(apartmentId, ApartmentStatus.Reserved, holder);
        await Host.CancelAsync(holder);
    }

    [Fact]
    public async Task Reserving_an_apartment_that_does_not_exist_FAILS_with_ApartmentNotFound_and_creates_nothing()
    {
        var missing = "missing-" + Guid.NewGuid().ToString("N")[..10];

        var reserved = await Host.ReserveAsync(missing, "r-" + missing, paymentWindowSeconds: 60);
        var status = await Host.WaitForFinalStatusAsync("r-" + missing, DateTime.UtcNow + Patience);

        Assert.Equal(BookingApi.Failed, status);
        Assert.Contains(reserved.GetProperty("status").GetString(), new[] { "REQUESTED", BookingApi.Failed });
        var ended = (await Host.PostAsync(
            "query($id: ID!, $token: String) { reservation(id: $id, token: $token) { errorCode } }",
            new { id = "r-" + missing, token = BookingApi.TokenOf("r-" + missing) })).Data;
        Assert.Equal("ApartmentNotFound", ended.GetProperty("reservation").GetProperty("errorCode").GetString());
        Assert.Null(await Table.GetAsync(missing));
    }

    [Fact]
    public async Task The_same_reservation_id_sent_twice_starts_one_workflow()
    {
        var (apartmentId, reservationId) = await NewApartmentAsync();

        var first = await Host.ReserveAsync(apartmentId, reservationId, paymentWindowSeconds: 60);
        var again = await Host.ReserveAsync(apartmentId, reservationId, paymentWindowSeconds: 60);
        var listed = (await Host.PostAsync("{ getStepFunctions { id } }")).Data.GetProperty("getStepFunctions")
            .EnumerateArray().Count(entry => entry.GetProperty("id").GetString() == reservationId);

        Assert.Equal(BookingApi.PendingPayment, first.GetProperty("status").GetString());
        Assert.Equal(BookingApi.PendingPayment, again.GetProperty("status").GetString());
        Assert.NotEqual(JsonValueKind.Null, first.GetProperty("token").ValueKind);
        Assert.Equal(JsonValueKind.Null, again.GetProperty("token").ValueKind);
        Assert.Equal(JsonValueKind.Null, again.GetProperty("expiresAt").ValueKind);
        Assert.Equal(1, listed);
        await AssertApartmentAsync(apartmentId, ApartmentStatus.Reserved, reservationId);
        await Host.CancelAsync(reservationId);
    }

    [Fact]
    public async Task Reserves_racing_for_one_apartment_have_exactly_one_winner_and_the_table_names_it()
    {
        var (apartmentId, prefix) = await NewApartmentAsync();
        var contenders = Enumerable.Range(0, 6).Select(i => $"{prefix}-{i}").ToList();

        await Task.WhenAll(contenders.Select(id => Host.ReserveAsync(apartmentId, id, paymentWindowSeconds: 60)));
        var outcomes = new Dictionary<string, string>();
        foreach (var id in contenders)
        {
            outcomes[id] = await Host.WaitForStatusAsync(id, s => s is BookingApi.PendingPayment or BookingApi.Rejected, DateTime.UtcNow + Patience);
        }

        var winner = Assert.Single(outcomes, o => o.Value == BookingApi.PendingPayment).Key;
        Assert.All(outcomes.Where(o => o.Key != winner), o => Assert.Equal(BookingApi.Rejected, o.Value));
        await AssertApartmentAsync(apartmentId, ApartmentStatus.Reserved, winner);
        await Host.CancelAsync(winner);
    }

    [Fact]
    public async Task Seed_documents_addStepFunction_and_getStepFunctions_reserve_the_default_apartment_and_list_it_with_its_arn()
    {
        await Host.AddApartmentAsync(DefaultApartmentId);
        var id = "seed-" + Guid.NewGuid().ToString("N");
        var arn = "arn:aws:states:us-east-2:132260253285:stateMachine:CdkApartmentStateMachine";

        var added = await Host.PostAsync($$"""mutation addStepFunction { addStepFunction(input: {id: "{{id}}", arn: "{{arn}}"}) { id arn } }""");
        await Host.WaitForStatusAsync(id, s => s == BookingApi.PendingPayment, DateTime.UtcNow + Patience);
        var listed = await Host.PostAsync("query getStepFunctions { getStepFunctions { id arn } }");

        Assert.Equal(JsonSerializer.Serialize(new { id, arn }), added.Data.GetProperty("addStepFunction").GetRawText());
        Assert.Contains(
            JsonSerializer.Serialize(new { id, arn }),
            listed.Data.GetProperty("getStepFunctions").EnumerateArray().Select(e => e.GetRawText()));
        await AssertApartmentAsync(DefaultApartmentId, ApartmentStatus.Reserved, id);

        // The seed's reservations have no token, so nobody can cancel them; pay and check out to free the apartment.
        await Host.ConfirmPaymentAsync(id);
        await Host.WaitForStatusAsync(id, s => s == BookingApi.Paid, DateTime.UtcNow + Patience);
        await Host.CheckOutAsync(DefaultApartmentId);
    }

    [Theory]
    [InlineData("@x@y")]
    [InlineData("@entity")]
    public async Task Reservation_ids_starting_with_an_at_sign_are_refused_as_BAD_USER_INPUT_and_start_nothing(string reservationId)
    {
        var (apartmentId, _) = await NewApartmentAsync();

        var response = await Host.TryReserveAsync(apartmentId, reservationId, paymentWindowSeconds: 60);
        var listed = (await Host.PostAsync("{ getStepFunctions { id } }")).Data.GetProperty("getStepFunctions");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var error = Assert.Single(response.Json.GetProperty("errors").EnumerateArray());
        Assert.Equal("BAD_USER_INPUT", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Contains("must not start with '@'", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(listed.EnumerateArray(), entry => entry.GetProperty("id").GetString() == reservationId);
        await AssertApartmentAsync(apartmentId, ApartmentStatus.Vacant, reservationId: null);
    }

    [Fact]
    public async Task Health_says_DynamoDB_and_the_task_hub_are_reachable_without_a_key_and_nothing_else()
    {
        using var response = await Host.Http.GetAsync("health");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(
            JsonSerializer.Serialize(new { status = "healthy", dynamoDb = "reachable", taskHub = "reachable" }),
            JsonSerializer.Serialize(JsonDocument.Parse(body).RootElement));
    }

    [Fact]
    public async Task Sweeper_releases_an_orphaned_hold_and_leaves_holds_of_live_workflows_alone()
    {
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var (orphan, live) = ("orphan-" + suffix, "live-" + suffix);
        await WriteHoldAsync(orphan, "gone-" + suffix, DateTime.UtcNow.AddMinutes(-1));
        await Host.AddApartmentAsync(live);
        await Host.ReserveAsync(live, "r-" + live, paymentWindowSeconds: 600);

        // A live workflow's hold that looks expired in the table: only the workflow's liveness protects it.
        await WriteHoldAsync(live, "r-" + live, DateTime.UtcNow.AddMinutes(-1));
        var released = await WaitUntilAsync(async () => (await Table.GetAsync(orphan))?.Status == ApartmentStatus.Vacant, TimeSpan.FromSeconds(30));

        Assert.True(released, $"The orphaned hold was not released.{Environment.NewLine}{Tail(Host.Output)}");
        Assert.Equal(BookingApi.Expired, await Host.ReservationStatusAsync("gone-" + suffix));
        await AssertApartmentAsync(live, ApartmentStatus.Reserved, "r-" + live);
        Assert.Equal(BookingApi.PendingPayment, await Host.ReservationStatusAsync("r-" + live));
        await Host.CancelAsync("r-" + live);
    }

    [Fact]
    public async Task README_curl_example_runs_as_written_without_errors()
    {
        var (example, exited, responses) = await RunDocumentedExampleAsync("README.md", "gql()");
        var calls = Regex.Count(example, @"^gql '", RegexOptions.Multiline);

        Assert.True(exited, "The README's example did not finish within a minute.");
        Assert.True(calls >= 3, $"The README's example should make its calls with gql; found {calls}:{Environment.NewLine}{example}");
        Assert.True(responses.Count == calls, $"Expected {calls} responses, got:{Environment.NewLine}{string.Join(Environment.NewLine, responses)}");
        foreach (var response in responses)
        {
            var json = JsonDocument.Parse(response).RootElement;
            Assert.False(json.TryGetProperty("errors", out _), $"A README document failed: {response}");
            Assert.All(json.GetProperty("data").EnumerateObject(), field => Assert.NotEqual(JsonValueKind.Null, field.Value.ValueKind));
        }
    }

    [Fact]
    public async Task A_signed_payment_webhook_ends_the_reservation_PAID_and_its_replay_changes_nothing()
    {
        var (apartmentId, reservationId) = await NewApartmentAsync();
        await Host.ReserveAsync(apartmentId, reservationId, paymentWindowSeconds: 60);
        var body = PaymentWebhook(reservationId);
        var signature = PaymentSignature.Sign(WebhookSecret, DateTimeOffset.UtcNow, Encoding.UTF8.GetBytes(body));

        var first = await Host.PostPaymentWebhookAsync(body, signature);
        var status = await Host.WaitForFinalStatusAsync(reservationId, DateTime.UtcNow + Patience);
        var replay = await Host.PostPaymentWebhookAsync(body, signature);

        Assert.True(first.Status == HttpStatusCode.OK, $"The webhook was refused: {(int)first.Status} {first.Body}");
        Assert.Equal(BookingApi.Paid, status);
        Assert.True(replay.Status == HttpStatusCode.OK, $"The replay was refused: {(int)replay.Status} {replay.Body}");
        Assert.Equal("PAID", replay.Json.GetProperty("status").GetString());
        await AssertApartmentAsync(apartmentId, ApartmentStatus.Paid, reservationId);
    }

    [Theory]
    [InlineData("unsigned", HttpStatusCode.Unauthorized, "INVALID_SIGNATURE", "header is missing")]
    [InlineData("signed with another secret", HttpStatusCode.Unauthorized, "INVALID_SIGNATURE", "does not match")]
    [InlineData("body changed after signing", HttpStatusCode.Unauthorized, "INVALID_SIGNATURE", "does not match")]
    [InlineData("signed ten minutes ago", HttpStatusCode.Unauthorized, "INVALID_SIGNATURE", "minutes from now")]
    [InlineData("signature header without a timestamp", HttpStatusCode.Unauthorized, "INVALID_SIGNATURE", "must read t=")]
    [InlineData("body not JSON", HttpStatusCode.BadRequest, "BAD_REQUEST", "JSON object")]
    [InlineData("reservation nobody made", HttpStatusCode.NotFound, "NOT_FOUND", "No reservation has the id")]
    public async Task A_payment_webhook_that_is_not_valid_is_refused_and_changes_nothing(string what, HttpStatusCode expected, string code, string message)
    {
        var (apartmentId, reservationId) = await NewApartmentAsync();
        await Host.ReserveAsync(apartmentId, reservationId, paymentWindowSeconds: 60);
        var now = DateTimeOffset.UtcNow;
        var body = what switch
        {
            "body not JSON" => "eventId=1&reservationId=" + reservationId,
            "reservation nobody made" => PaymentWebhook("nobody-" + reservationId),
            _ => PaymentWebhook(reservationId),
        };
        string? Signed(string secret, DateTimeOffset at, string signedBody) => PaymentSignature.Sign(secret, at, Encoding.UTF8.GetBytes(signedBody));
        var signature = what switch
        {
            "unsigned" => null,
            "signed with another secret" => Signed(WebhookSecret + "x", now, body),
            "body changed after signing" => Signed(WebhookSecret, now, PaymentWebhook(reservationId + "x")),
            "signed ten minutes ago" => Signed(WebhookSecret, now.AddMinutes(-10), body),
            "signature header without a timestamp" => Signed(WebhookSecret, now, body)!.Split(',')[1],
            _ => Signed(WebhookSecret, now, body),
        };

        var response = await Host.PostPaymentWebhookAsync(body, signature);

        Assert.True(response.Status == expected, $"{what}: expected {(int)expected}, got {(int)response.Status} {response.Body}");
        var error = response.Json.GetProperty("errors")[0];
        Assert.Equal(code, error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Contains(message, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(BookingApi.PendingPayment, await Host.ReservationStatusAsync(reservationId));
        await AssertApartmentAsync(apartmentId, ApartmentStatus.Reserved, reservationId);
        await Host.CancelAsync(reservationId);
    }

    [Fact]
    public async Task GraphiQL_opens_in_a_real_browser_runs_a_typed_query_and_loads_nothing_from_another_host()
    {
        Chromium.Require();
        var (apartmentId, _) = await NewApartmentAsync();
        var results = Directory.CreateDirectory(Path.Combine(RepositoryPaths.Root, "TestResults"));
        var screenshot = Path.Combine(results.FullName, $"graphiql-{GetType().Name}.png");

        var page = await NodeScript.RunAsync(
            "graphiql-in-chromium.mjs",
            [new Uri(Host.Http.BaseAddress!, "graphql").ToString(), screenshot, $"{{ apartment(id: \"{apartmentId}\") {{ id status }} }}"],
            BrowserPatience);

        var shown = page.GetProperty("result").GetString() ?? string.Empty;
        Assert.True(shown.Contains(apartmentId, StringComparison.Ordinal) && shown.Contains("VACANT", StringComparison.Ordinal), $"GraphiQL did not show the apartment: {page}");
        Assert.Empty(page.GetProperty("elsewhere").EnumerateArray());
        Assert.Empty(page.GetProperty("errors").EnumerateArray());
        Assert.True(File.Exists(screenshot), "No screenshot was saved.");
    }

    [Fact]
    public async Task API_docs_webhook_example_signed_with_openssl_confirms_the_payment_as_written()
    {
        var (_, exited, answers) = await RunDocumentedExampleAsync(Path.Combine("docs", "api.md"), "payments/webhook");
        var status = await Host.WaitForFinalStatusAsync("r-2", DateTime.UtcNow + Patience);

        Assert.True(exited, "The README's webhook example did not finish within a minute.");
        Assert.True(answers.Count == 2, $"Expected the reservation and the webhook's answer, got:{Environment.NewLine}{string.Join(Environment.NewLine, answers)}");
        Assert.Equal("PENDING_PAYMENT", JsonDocument.Parse(answers[0]).RootElement.GetProperty("data").GetProperty("reserveApartment").GetProperty("status").GetString());
        Assert.True(JsonDocument.Parse(answers[1]).RootElement.GetProperty("received").GetBoolean(), answers[1]);
        Assert.Equal(BookingApi.Paid, status);
        await AssertApartmentAsync("apt-101", ApartmentStatus.Paid, "r-2");
    }

    /// <summary>Runs, as written but against this host's port, the bash block of the document <paramref name="file"/>
    /// (relative to the repository) that contains <paramref name="marker"/>; returns the block, whether it finished
    /// within a minute, and its non-empty output lines.</summary>
    private async Task<(string Example, bool Exited, List<string> Lines)> RunDocumentedExampleAsync(string file, string marker)
    {
        var document = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, file));
        var example = BashBlocks().Matches(document).Select(m => m.Groups["code"].Value).Single(block => block.Contains(marker, StringComparison.Ordinal));
        var script = example.Replace("http://127.0.0.1:7071/", $"http://127.0.0.1:{Host.Port}/", StringComparison.Ordinal);

        await using var bash = ChildProcess.Start("bash", ["-c", script]);
        var exited = await bash.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return (example, exited, [.. bash.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]);
    }

    [GeneratedRegex("```bash\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex BashBlocks();

    private static async Task<bool> WaitUntilAsync(Func<Task<bool>> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await done())
            {
                return true;
            }

            await Task.Delay(200);
        }

        return false;
    }

    private static string PaymentWebhook(string reservationId) =>
        JsonSerializer.Serialize(new { eventId = "evt-" + Guid.NewGuid().ToString("N"), type = "payment.succeeded", reservationId });

    private static string Tail(string output) => output.Length <= 6000 ? output : output[^6000..];

    private async Task<(string ApartmentId, string ReservationId)> NewApartmentAsync()
    {
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var added = await Host.AddApartmentAsync("apt-" + suffix);
        Assert.Equal("VACANT", added.GetProperty("status").GetString());
        return ("apt-" + suffix, "r-" + suffix);
    }

    private async Task AssertApartmentAsync(string apartmentId, ApartmentStatus status, string? reservationId)
    {
        var apartment = await Table.GetAsync(apartmentId);
        Assert.NotNull(apartment);
        Assert.Equal((status, reservationId), (apartment.Status, apartment.ReservationId));
    }

    /// <summary>Writes a hold as the workflow's reserve step leaves it, apartment and record, but with the given
    /// deadline.</summary>
    private async Task WriteHoldAsync(string apartmentId, string reservationId, DateTime reservedUntil)
    {
        await fixture.Dynalite.RecordsOf(fixture.TableName).HoldAsync(reservationId, apartmentId, new DateTimeOffset(reservedUntil, TimeSpan.Zero));
        using var client = fixture.Dynalite.CreateClient();
        await client.PutItemAsync(new PutItemRequest
        {
            TableName = fixture.TableName,
            Item = new Dictionary<string, AttributeValue>
            {
                ["Id"] = new(apartmentId),
                ["status"] = new(ApartmentStatusNames.Reserved),
                ["reservationId"] = new(reservationId),
                ["reservedUntil"] = new(reservedUntil.ToString("O", CultureInfo.InvariantCulture)),
                ["updatedAt"] = new(DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture)),
            },
        });
    }
}
