using Booking.Core;
using Booking.Core.Apartments;
using Booking.Core.Reservations;
using Booking.Engine;
using Booking.Engine.TestProcess;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddBookingCore(builder.Configuration);

// The framework logs every work item at Information; the tests read this process's output for their own lines.
builder.Logging.AddFilter("DurableTask", LogLevel.Warning);

// Each store call is printed, so a test can tell which process ran which activity.
builder.Services.AddSingleton<DynamoDbApartmentStore>();
builder.Services.AddSingleton<IApartmentStore>(sp => new ReportingApartmentStore(sp.GetRequiredService<DynamoDbApartmentStore>(), Console.Out));
builder.Services.AddLocalDurableEngine(builder.Configuration, registry => registry.AddReservationWorkflow());

using var host = builder.Build();
await host.Services.EnsureBookingTablesAsync();
await host.StartAsync();
Console.WriteLine($"{ReportingApartmentStore.ReadyLine} {Environment.ProcessId}");
await host.WaitForShutdownAsync();
