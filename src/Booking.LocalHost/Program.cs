using Booking.Core;
using Booking.LocalHost;

if (args.Contains("--seed-only"))
{
    // Table and sample apartments only, then exit: for users who run the Function App with func start.
    var seeding = Host.CreateApplicationBuilder(args.Where(a => a != "--seed-only").ToArray());
    seeding.Services.AddBookingCore(seeding.Configuration).AddSampleApartments(seeding.Configuration);
    using var seeder = seeding.Build();
    await seeder.StartAsync();
    await seeder.StopAsync();
    return;
}

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddBookingLocalHost(builder.Configuration);

var app = builder.Build();
app.MapBookingGraphQL();
app.Run();
