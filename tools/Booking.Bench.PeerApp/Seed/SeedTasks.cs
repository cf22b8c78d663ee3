namespace Booking.Bench.PeerApp.Seed;

/// <summary>The names of the seed's Task states as activities, the same on either engine.</summary>
public static class SeedTasks
{
    /// <summary><c>arn:aws:states:::dynamodb:updateItem</c>: "Change Apartment Status" and "Payment Wasn't Made,
    /// revert.".</summary>
    public const string UpdateItem = "UpdateItem";

    /// <summary><c>arn:aws:states:::dynamodb:getItem</c>: "Get Apartment Status".</summary>
    public const string GetItem = "GetItem";
}
