namespace Booking.Core.Configuration;

/// <summary>Where the tables live. Bound from the <c>DynamoDb</c> configuration section.</summary>
public sealed class DynamoDbOptions
{
    public const string SectionName = "DynamoDb";

    /// <summary>An endpoint such as http://127.0.0.1:8000 for a local DynamoDB-compatible server; unset for AWS.</summary>
    public string? ServiceUrl { get; set; }

    public string Region { get; set; } = "us-east-1";

    /// <summary>The seed's table name.</summary>
    public string TableName { get; set; } = "Apartments";

    /// <summary>One record per reservation, apart from the seed's table so its shape and scans stay as they were.</summary>
    public string ReservationsTableName { get; set; } = "Reservations";
}
