using Booking.Bench.PeerApp.Seed;
using Booking.Core.Configuration;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
var dynamoDb = builder.Configuration.GetSection(DynamoDbOptions.SectionName).Get<DynamoDbOptions>() ?? new DynamoDbOptions();
builder.Services.AddSingleton(new SeedApartments(DynamoDbClientFactory.Create(dynamoDb), dynamoDb.TableName));
builder.Build().Run();
