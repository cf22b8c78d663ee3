using Booking.Core;
using Booking.LocalHost;

if (args.Contains("--seed-only"))
{
    // Table and sample apartments only, then exit: for users who run the Function App with func start.
    var seeding = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
    {
        Args = args.Where(a => a != "--seed-only").ToArray(),
        ContentRootPath = AppContext.BaseDirectory,
    });
    seeding.Services.AddBookingCore(seeding.Configuration).AddSampleApartments(seeding.Configuration);
    using var seeder = seeding.Build();
    await seeder.StartAsync();
    await seeder.StopAsync();
    return;
}

// Content root is the app's folder, so appsettings.json is found however the process is started. The local host stands
// in for func start, which runs as Development; ASPNETCORE_ENVIRONMENT or DOTNET_ENVIRONMENT choose another.
WebApplicationOptions WebOptions(string[] arguments) => new()
{
    Args = arguments,
    ContentRootPath = AppContext.BaseDirectory,
    EnvironmentName = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? Environments.Development,
};

if (args.Contains("--backfill-records"))
{
    // A record for every reservation workflow in the task hub that has none, then exit (docs/deploy.md).
    var backfilling = WebApplication.CreateBuilder(WebOptions([.. args.Where(a => a != "--backfill-records")]));
    backfilling.Services.AddBookingLocalHost(backfilling.Configuration);
    await using var backfiller = backfilling.Build();
    await backfiller.Services.BackfillReservationRecordsAsync(Console.Out);
    return;
}

var builder = WebApplication.CreateBuilder(WebOptions(args));
builder.Services.AddBookingLocalHost(builder.Configuration);

var app = builder.Build();
app.MapBookingApi();
app.Run();
