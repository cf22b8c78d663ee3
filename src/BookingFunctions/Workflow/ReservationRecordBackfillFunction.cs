using Booking.Core.Records;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace BookingFunctions.Workflow;

/// <summary>
/// <c>POST /api/maintenance/backfill-reservation-records</c>, with the host's master key: writes a record for every
/// reservation workflow in the task hub that has none (see <see cref="ReservationRecordBackfill"/>), one batch per
/// call. Call again with the answer's <c>continuationToken</c> until it is null; safe to run twice.
/// </summary>
public sealed class ReservationRecordBackfillFunction(ReservationRecordBackfill backfill)
{
    public const string Route = "maintenance/backfill-reservation-records";

    [Function("backfillReservationRecords")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = Route)] HttpRequest request,
        [DurableClient] DurableTaskClient client)
    {
        string? continuationToken = request.Query["continuationToken"];
        var progress = await backfill.RunBatchAsync(client, string.IsNullOrEmpty(continuationToken) ? null : continuationToken, request.HttpContext.RequestAborted);
        return new OkObjectResult(new { examined = progress.Examined, written = progress.Written, continuationToken = progress.ContinuationToken });
    }
}
