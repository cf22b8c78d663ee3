using Booking.Api;
using Booking.Api.Access;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Booking.Api.Tests;

/// <summary>Who may use the operator fields, for each way the settings can be; the hosts' own checks run end to end.</summary>
public sealed class OperatorAccessTests
{
    private const string Key = "operator-key-0123456789";

    [Theory]
    [InlineData(null, false, null, "turned off here")]
    [InlineData("", false, null, "turned off here")]
    [InlineData(null, true, null, null)]
    [InlineData(Key, false, null, "send the operator key in the x-operator-key header")]
    [InlineData(Key, false, Key + "x", "send the operator key in the x-operator-key header")]
    [InlineData(Key, false, Key, null)]
    public void Operator_fields_are_refused_unless_the_key_matches_or_a_keyless_machine_opens_them(string? operatorKey, bool withoutKey, string? presented, string? refusal)
    {
        var access = new OperatorAccess(Options.Create(new OperatorAccessOptions { OperatorKey = operatorKey, OperatorFieldsWithoutKey = withoutKey }));
        var request = new DefaultHttpContext().Request;
        if (presented is not null)
        {
            request.Headers[OperatorAccessOptions.HeaderName] = presented;
        }

        var answer = access.RefusalFor(request);

        if (refusal is null)
        {
            Assert.Null(answer);
        }
        else
        {
            Assert.Contains(refusal, answer, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("short", false, "Auth:OperatorKey must be at least 16 characters; got 5.")]
    [InlineData(Key, true, "Auth:OperatorFieldsWithoutKey must be false when Auth:OperatorKey is set")]
    public void Settings_that_contradict_themselves_stop_start_up(string key, bool withoutKey, string message)
    {
        var result = new OperatorAccessOptionsValidator().Validate(null, new OperatorAccessOptions { OperatorKey = key, OperatorFieldsWithoutKey = withoutKey });

        Assert.True(result.Failed);
        Assert.Contains(message, result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 250, "GraphQL:DefaultPageSize must be between 1 and GraphQL:MaxPageSize (250); got 0.")]
    [InlineData(300, 250, "GraphQL:DefaultPageSize must be between 1 and GraphQL:MaxPageSize (250); got 300.")]
    [InlineData(100, 6000, "GraphQL:MaxPageSize must be between 1 and 5000; got 6000.")]
    public void Page_sizes_out_of_range_stop_start_up(int defaultSize, int maxSize, string message)
    {
        var result = new GraphQLApiOptionsValidator().Validate(null, new GraphQLApiOptions { DefaultPageSize = defaultSize, MaxPageSize = maxSize });

        Assert.True(result.Failed);
        Assert.Contains(message, result.FailureMessage, StringComparison.Ordinal);
    }
}
