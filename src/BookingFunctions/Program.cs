using Booking.Core;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.AddBookingTelemetry();
builder.Services.AddBookingCore(builder.Configuration);
builder.Services.AddBookingApi();
builder.Build().Run();
