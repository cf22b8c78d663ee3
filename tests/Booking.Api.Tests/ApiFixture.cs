using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Booking.Api;
using Booking.Api.Access;
using Booking.Api.Http;
using Booking.Api.Schema;
using Booking.Core;
using Booking.Core.Apartments;
using Booking.Core.Records;
using Booking.Core.Reservations;
using Booking.Engine;
using Booking.Api.Tests.Reliability;
using Booking.Testing;
using Booking.Testing.Corpus;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Booking.Api.Tests;

/// <summary>
/// The endpoint as a host serves it: Kestrel on a free loopback port routing /api/graphql to the shared handler, the
/// real reservation workflow on the local durable engine (Azurite, in memory, its own task hub), and a fresh dynalite
/// table; and what the tests do through it: reserve, pay and cancel over HTTP, poll a reservation until it is decided or
/// has ended (always with a deadline), and snapshot everything a request could change. Not the SDK's in-process test host: under these tests' bursts its gRPC work-item stream stalled for minutes
/// (the worker reconnected every 120 s and work items sent on the old stream were lost).
/// </summary>
public class ApiFixture : GraphQLEndpoint, IAsyncLifetime
{
    /// <summary>The configured default window; short, so reservations the tests leave behind end quickly.</summary>
    public const int DefaultPaymentWindowSeconds = 2;

    public const int MaxRequestBytes = 8 * 1024;

    public const int MaxPaymentWindowSeconds = 3600;

    /// <summary>The operator key the server is configured with; <see cref="PostAsOperatorAsync"/> sends it.</summary>
    public const string OperatorKey = "api-tests-operator-key";

    private readonly DynaliteProcess dynalite = new();
    private readonly AzuriteProcess azurite = new() { InMemory = true };

    public IApartmentStore Store { get; private set; } = null!;

    public IReservationStore Records { get; private set; } = null!;

    public DurableTaskClient Durable { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Task.WhenAll(dynalite.InitializeAsync(), azurite.InitializeAsync());
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DynamoDb:ServiceUrl"] = dynalite.ServiceUrl,
            ["DynamoDb:TableName"] = "api-" + Guid.NewGuid().ToString("N"),
            ["Reservation:PaymentWindow"] = TimeSpan.FromSeconds(DefaultPaymentWindowSeconds).ToString(),
            ["Reservation:MaxPaymentWindow"] = TimeSpan.FromSeconds(MaxPaymentWindowSeconds).ToString(),
            ["Reservation:MaxClientPaymentWindow"] = TimeSpan.FromSeconds(MaxPaymentWindowSeconds).ToString(),
            ["Reservation:MaxActiveHoldsPerClient"] = "0",
            ["Reservation:MaxReservationsPerClientPerMinute"] = "0",
            ["GraphQL:MaxRequestBytes"] = MaxRequestBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            // As deployed: the client key guards nothing, so requests are clients' unless they carry the operator key.
            ["Auth:OperatorKey"] = OperatorKey,
            ["TaskHubName"] = "api" + Guid.NewGuid().ToString("N")[..12],
        });
        builder.Services.AddBookingCore(builder.Configuration);
        builder.Services.AddBookingApi();
        ConfigureServices(builder.Services, builder.Configuration);
        builder.Services.AddLocalDurableEngine(builder.Configuration, tasks => tasks.AddReservationWorkflow());
        var app = builder.Build();

        Store = app.Services.GetRequiredService<IApartmentStore>();
        Records = app.Services.GetRequiredService<IReservationStore>();
        await app.Services.EnsureBookingTablesAsync();
        Durable = app.Services.GetRequiredService<DurableTaskClient>();

        var handler = app.Services.GetRequiredService<GraphQLHttpHandler<BookingSchema>>();
        var client = Durable;
        app.Map("/api/graphql", context =>
        {
            context.UseDurableClient(client);
            return handler.HandleAsync(context);
        });
        await StartAsync(app, port);
    }

    public async Task DisposeAsync()
    {
        await StopAsync();

        await azurite.DisposeAsync();
        await dynalite.DisposeAsync();
    }

    /// <summary>Adds to the server's services before it is built.</summary>
    protected virtual void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
    }

    /// <summary>Stops dynalite, as a store outage would; only for a server of the test's own.</summary>
    public Task StopStoreAsync() => dynalite.StopAsync();

    /// <summary>POSTs a GraphQL request as JSON with the operator key, as an operator's tool would.</summary>
    public async Task<GraphQLHttpResponse> PostAsOperatorAsync(string query, object? variables = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "graphql") { Content = JsonContent.Create(new { query, variables }) };
        request.Headers.Add(OperatorAccessOptions.HeaderName, OperatorKey);
        return await SendAsync(request, GraphQLMediaTypes.GraphQLResponseJson);
    }

    /// <summary>Adds an apartment straight to the store, so a test's setup does not depend on the API under test.</summary>
    public async Task<string> AddApartmentAsync(string prefix = "apt")
    {
        var id = $"{prefix}-{Guid.NewGuid():N}";
        Assert.True(await Store.AddAsync(id));
        return id;
    }

    /// <summary>Polls the workflow until it has ended; fails the test when it has not within the timeout.</summary>
    public async Task<OrchestrationMetadata> WaitForEndAsync(string reservationId, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        return await Durable.WaitForInstanceCompletionAsync(reservationId, getInputsAndOutputs: true, cts.Token);
    }

    /// <summary>Polls until the workflow's hold is in place, as a client waiting on REQUESTED would.</summary>
    public Task WaitForHoldAsync(string reservationId) => Durable.PendingPaymentAsync(reservationId, TimeSpan.FromSeconds(10));

    public const string ReservationFields = "id apartmentId status expiresAt errorCode errorMessage token";

    private const string Reserve = $$"""
        mutation($input: ReserveApartmentInput!) { reserveApartment(input: $input) { {{ReservationFields}} } }
        """;

    private const string Read = $"query($id: ID!, $token: String) {{ reservation(id: $id, token: $token) {{ {ReservationFields} }} }}";

    /// <summary>The token of every reservation this server's tests started, so reads show the details and cancels work.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> tokens = new();

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>reserveApartment over HTTP; the reservation as answered (REQUESTED when the hold was still undecided).</summary>
    public async Task<JsonElement> ReserveAsync(string apartmentId, string reservationId, int paymentWindowSeconds)
    {
        var response = await PostAsync(Reserve, new { input = new { apartmentId, reservationId, paymentWindowSeconds } });
        var reservation = DataField(response, "reserveApartment");
        if (reservation.GetProperty("token").GetString() is { } token)
        {
            tokens[reservationId] = token;
        }

        return reservation;
    }

    /// <summary>The token reserveApartment gave the reservation, as its client keeps it.</summary>
    public string TokenOf(string reservationId) => tokens[reservationId];

    /// <summary>confirmPayment as an operator, or cancelReservation with the reservation's token as its holder, over
    /// HTTP, as answered.</summary>
    public Task<GraphQLHttpResponse> SendEventAsync(string field, string reservationId) =>
        field == "cancelReservation"
            ? PostAsync($"mutation($id: ID!, $token: String!) {{ {field}(reservationId: $id, token: $token) {{ {ReservationFields} }} }}", new { id = reservationId, token = tokens.GetValueOrDefault(reservationId, "no-token-kept") })
            : PostAsOperatorAsync($"mutation($id: ID!) {{ {field}(reservationId: $id) {{ {ReservationFields} }} }}", new { id = reservationId });

    /// <summary>reservation(id) over HTTP; null when the API knows no such reservation.</summary>
    public async Task<JsonElement?> ReadAsync(string reservationId)
    {
        var reservation = DataField(await PostAsync(Read, new { id = reservationId, token = tokens.GetValueOrDefault(reservationId) }), "reservation");
        return reservation.ValueKind == JsonValueKind.Null ? null : reservation;
    }

    /// <summary>Polls reservation(id) until its status satisfies <paramref name="done"/>; fails the test at the deadline.</summary>
    public async Task<JsonElement> PollAsync(string reservationId, Func<string, bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        string? last = null;
        while (DateTimeOffset.UtcNow < deadline)
        {
            if (await ReadAsync(reservationId) is { } reservation)
            {
                last = Status(reservation);
                if (done(last))
                {
                    return reservation;
                }
            }

            await Task.Delay(PollInterval);
        }

        Assert.Fail($"Reservation {reservationId} was not {what} within {timeout.TotalSeconds:0} s; last status {last ?? "(none)"}.");
        return default;
    }

    /// <summary>Waits until the hold is decided: anything but REQUESTED.</summary>
    public Task<JsonElement> DecidedAsync(string reservationId) =>
        PollAsync(reservationId, status => status != "REQUESTED", TimeSpan.FromSeconds(30), "decided");

    /// <summary>Waits until the workflow has reached an outcome.</summary>
    public Task<JsonElement> EndedAsync(string reservationId) =>
        PollAsync(reservationId, status => status is not ("REQUESTED" or "PENDING_PAYMENT"), TimeSpan.FromSeconds(30), "ended");

    /// <summary>Every apartment and reservation record as stored and every workflow instance with its runtime status, in a stable order.</summary>
    public async Task<Snapshot> SnapshotAsync()
    {
        var instances = new List<string>();
        await foreach (var instance in Durable.GetAllInstancesAsync(new OrchestrationQuery { PageSize = 500 }))
        {
            instances.Add($"{instance.InstanceId}={instance.RuntimeStatus}");
        }

        return await Snapshot.OfAsync(Store, Records, instances);
    }

    public static string Status(JsonElement reservation) => reservation.GetProperty("status").GetString()!;

    private static JsonElement DataField(GraphQLHttpResponse response, string field)
    {
        Assert.False(response.Json.TryGetProperty("errors", out _), $"{field} answered with errors: {response.Body}");
        return response.Json.GetProperty("data").GetProperty(field).Clone();
    }
}
