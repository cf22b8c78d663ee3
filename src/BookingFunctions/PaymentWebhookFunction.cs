using Booking.Api.Payments;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace BookingFunctions;

/// <summary><c>POST /api/payments/webhook</c>: the payment provider's signed confirmation. Anonymous to the host: the
/// signature is the credential, checked by the shared endpoint before anything changes.</summary>
public sealed class PaymentWebhookFunction(PaymentWebhookEndpoint endpoint)
{
    [Function("paymentWebhook")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, Route = PaymentWebhookEndpoint.Route)] HttpRequest request,
        [DurableClient] DurableTaskClient client)
    {
        await endpoint.HandleAsync(request.HttpContext, client);
        return new EmptyResult();
    }
}
