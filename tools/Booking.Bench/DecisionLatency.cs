using System.Diagnostics;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Azure.Storage.Queues;
using Booking.Core.Configuration;
using Booking.Core.Reservations;

namespace Booking.Bench;

/// <summary>
/// reserveApartment one at a time, timed until it answers PENDING_PAYMENT, each call after a floor sample taken the
/// same way in the same moment: one conditional UpdateItem on dynalite, then one Azurite queue message put and got,
/// through the bench's own relays (the host's calls pass relays too). The reservations' short windows then give
/// the timer lateness at light load: from each deadline to the release writing the apartment back to vacant.
/// </summary>
internal sealed class DecisionLatency(BenchStack stack, ReservationApi api, int windowSeconds)
{
    private const string FloorQueue = "bench-floor";
    private const string FloorApartment = "a-floor";

    public List<double> DecisionMs { get; } = [];

    public List<double> FloorMs { get; } = [];

    public List<double> LatenessMs { get; } = [];

    /// <summary>Calls that answered anything but PENDING_PAYMENT (REQUESTED after the hold-decision timeout).</summary>
    public int Undecided { get; private set; }

    public int Wrong { get; private set; }

    public async Task RunAsync(int count, CancellationToken cancellationToken)
    {
        using var dynamoDb = DynamoDbClientFactory.Create(new DynamoDbOptions { ServiceUrl = stack.Raw.DynamoDbServiceUrl, Region = "us-east-1", TableName = BenchStack.TableName });
        var queue = new QueueClient(stack.Raw.StorageConnectionString, FloorQueue);
        await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await stack.Store.AddAsync(FloorApartment, cancellationToken);

        var ids = Enumerable.Range(0, count).Select(i => $"lat-{i:D4}").ToList();
        await Task.WhenAll(ids.Select(id => stack.Store.AddAsync("a-" + id, cancellationToken)));
        var answers = new List<ReserveAnswer>();
        try
        {
            foreach (var id in ids)
            {
                FloorMs.Add(await FloorAsync(dynamoDb, queue, cancellationToken));
                var answer = await api.ReserveAsync("a-" + id, id, windowSeconds, cancellationToken);
                answers.Add(answer);
                if (answer.Held)
                {
                    DecisionMs.Add(answer.Elapsed.TotalMilliseconds);
                }
                else
                {
                    Undecided++;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Out of time: the figures are those of the calls made so far.
        }

        using var drain = new CancellationTokenSource(TimeSpan.FromSeconds(windowSeconds + 30));
        foreach (var answer in answers)
        {
            var outcome = HubReader.OutputOf<ReservationOutcome>(await stack.OurHub.WaitForEndAsync(answer.ReservationId, drain.Token));
            var apartment = await stack.Store.GetAsync("a-" + answer.ReservationId, CancellationToken.None);
            if (outcome is { Status: ReservationStatus.Expired, ExpiresAt: { } deadline } && apartment?.UpdatedAt is { } released)
            {
                LatenessMs.Add((released - deadline).TotalMilliseconds);
            }
            else
            {
                Wrong++;
            }
        }
    }

    private static async Task<double> FloorAsync(IAmazonDynamoDB dynamoDb, QueueClient queue, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await dynamoDb.UpdateItemAsync(
            new UpdateItemRequest
            {
                TableName = BenchStack.TableName,
                Key = new() { ["Id"] = new(FloorApartment) },
                UpdateExpression = "SET #s = :s, #u = :u",
                ConditionExpression = "attribute_exists(Id)",
                ExpressionAttributeNames = new() { ["#s"] = "status", ["#u"] = "updatedAt" },
                ExpressionAttributeValues = new() { [":s"] = new("vacant"), [":u"] = new(DateTime.UtcNow.ToString("O")) },
            },
            cancellationToken);
        await queue.SendMessageAsync("floor", cancellationToken);
        var message = (await queue.ReceiveMessageAsync(cancellationToken: cancellationToken)).Value;
        var elapsed = clock.Elapsed.TotalMilliseconds;
        if (message is not null)
        {
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
        }

        return elapsed;
    }
}
