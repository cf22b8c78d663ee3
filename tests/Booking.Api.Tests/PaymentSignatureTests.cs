using System.Text;
using Booking.Api.Payments;

namespace Booking.Api.Tests;

/// <summary>The payment webhook's signature check on its own, including the headers a forger would try.</summary>
public sealed class PaymentSignatureTests
{
    private const string Secret = "unit-test-webhook-secret";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"eventId":"e","type":"payment.succeeded","reservationId":"r"}""");
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    [Fact]
    public void A_signature_made_with_the_secret_within_the_tolerance_is_accepted()
    {
        Assert.Null(PaymentSignature.Check(PaymentSignature.Sign(Secret, Now.AddMinutes(-4), Body), Body, Secret, Now, Tolerance));
    }

    [Fact]
    public void During_a_secret_rotation_any_v1_that_matches_is_accepted()
    {
        var signed = PaymentSignature.Sign(Secret, Now, Body);
        var header = signed.Replace("v1=", "v1=" + new string('0', 64) + ",v1=", StringComparison.Ordinal);

        Assert.Null(PaymentSignature.Check(header, Body, Secret, Now, Tolerance));
    }

    [Theory]
    [InlineData(null, "is missing")]
    [InlineData("", "is missing")]
    [InlineData("v1=00", "must read t=")]
    [InlineData("t=abc,v1=00", "must read t=")]
    [InlineData("t=-5,v1=00", "must read t=")]
    [InlineData("t=1796558400", "must read t=")]
    [InlineData("t=9223372036854775807,v1=00", "minutes from now")]
    [InlineData("t=1796558400,v1=zz", "does not match")]
    [InlineData("t=1796558400,v1=00", "does not match")]
    public void Headers_a_forger_would_send_are_refused_saying_why(string? header, string reason)
    {
        Assert.Contains(reason, PaymentSignature.Check(header, Body, Secret, Now, Tolerance), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-6)]
    [InlineData(6)]
    public void A_signature_more_than_the_tolerance_from_now_either_way_is_refused(int minutes)
    {
        var header = PaymentSignature.Sign(Secret, Now.AddMinutes(minutes), Body);

        Assert.Contains("minutes from now", PaymentSignature.Check(header, Body, Secret, Now, Tolerance), StringComparison.Ordinal);
    }
}
